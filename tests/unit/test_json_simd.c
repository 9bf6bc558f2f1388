/*
 * test_json.c - the C API over simdjson: whole-document validation (an invalid field
 * that is never read still fails), types, keys, JSON pointers, iteration, depth and
 * size limits, and reading a line in the middle of a buffer (padding is "readable",
 * not "zero").
 */
#include "harness.h"
#include "parsers/json_simd.h"

static struct mx_json_simd *J;

static const char *parse(const char *text, struct mx_jval *root) {
    /* copy into a buffer followed by non-zero garbage: padding need not be zero */
    static char buf[4096];
    size_t n = strlen(text);
    memcpy(buf, text, n);
    memset(buf + n, '}', MX_JSON_PADDING);
    return mx_json_simd_parse(J, buf, n, root);
}

static void validation(void) {
    struct mx_jval v;
    CHECK(parse("{\"a\":1}", &v) == NULL);
    CHECK(parse("{\"a\":1,\"unused\":tru}", &v) != NULL);
    CHECK(parse("{\"a\":1", &v) != NULL);
    CHECK(parse("{\"a\":\"\xff\"}", &v) != NULL);
    CHECK(parse("{\"a\":1e400}", &v) != NULL);
    CHECK(parse("{\"a\":18446744073709551616}", &v) != NULL);
    CHECK(parse("", &v) != NULL);
    CHECK(parse("{\"a\":1} x", &v) != NULL);
    CHECK_STR(parse("{\"a\":\"\xff\"}", &v), "invalid UTF-8");
}

static void access(void) {
    struct mx_jval root, v, e;
    const char *doc = "{\"event\":{\"id\":\"e1\",\"data\":{\"n\":-42,\"big\":18446744073709551615,"
                      "\"f\":1.5,\"ok\":true,\"none\":null,\"list\":[1,\"two\",[3]]}},"
                      "\"k\":1,\"k\":2,\"nul\":\"a\\u0000b\"}";
    CHECK(parse(doc, &root) == NULL);
    CHECK_I64(mx_json_simd_type(&root), MX_J_OBJECT);
    CHECK(mx_json_simd_pointer(&root, "/event/id", &v));
    const char *s;
    size_t n;
    CHECK(mx_json_simd_string(&v, &s, &n) && n == 2 && memcmp(s, "e1", 2) == 0);
    int64_t i;
    CHECK(mx_json_simd_pointer(&root, "/event/data/n", &v) && mx_json_simd_int64(&v, &i) &&
          i == -42);
    CHECK(mx_json_simd_pointer(&root, "/event/data/big", &v));
    CHECK_I64(mx_json_simd_type(&v), MX_J_UINT);
    CHECK(!mx_json_simd_int64(&v, &i));
    double d;
    CHECK(mx_json_simd_pointer(&root, "/event/data/f", &v) && mx_json_simd_double(&v, &d) &&
          d == 1.5);
    bool b;
    CHECK(mx_json_simd_pointer(&root, "/event/data/ok", &v) && mx_json_simd_bool(&v, &b) && b);
    CHECK(mx_json_simd_pointer(&root, "/event/data/none", &v));
    CHECK_I64(mx_json_simd_type(&v), MX_J_NULL);
    CHECK(!mx_json_simd_pointer(&root, "/event/missing", &v));
    CHECK(mx_json_simd_get(&root, "k", &v) && mx_json_simd_int64(&v, &i) &&
          i == 1); /* first wins */
    CHECK(mx_json_simd_get(&root, "nul", &v) && mx_json_simd_string(&v, &s, &n) && n == 3 &&
          s[1] == 0);
    CHECK(!mx_json_simd_get(&v, "x", &e)); /* not an object */

    struct mx_jiter it;
    CHECK(mx_json_simd_pointer(&root, "/event/data/list", &v));
    CHECK(mx_json_simd_array_begin(&v, &it));
    int count = 0;
    while (mx_json_simd_array_next(&it, &e)) count++;
    CHECK_I64(count, 3);
    CHECK(!mx_json_simd_array_begin(&root, &it));

    const char *key;
    size_t klen;
    CHECK(mx_json_simd_object_begin(&root, &it));
    count = 0;
    while (mx_json_simd_object_next(&it, &key, &klen, &e)) count++;
    CHECK_I64(count, 4);
}

static void limits(void) {
    struct mx_json_simd *small = mx_json_simd_new(64, 3);
    struct mx_jval v;
    char buf[256];
    memset(buf, ' ', sizeof buf);
    memcpy(buf, "[[[1]]]", 7);
    CHECK(mx_json_simd_parse(small, buf, 7, &v) == NULL);
    memcpy(buf, "[[[[1]]]]", 9);
    CHECK(mx_json_simd_parse(small, buf, 9, &v) != NULL); /* depth 4 > 3 */
    memset(buf, ' ', 100);
    memcpy(buf, "[1]", 3);
    CHECK(mx_json_simd_parse(small, buf, 100, &v) != NULL); /* 100 bytes > 64 */
    mx_json_simd_free(small);
    mx_json_simd_free(NULL);
}

int main(void) {
    J = mx_json_simd_new(1 << 20, 64);
    validation();
    access();
    limits();
    mx_json_simd_free(J);
    TEST_DONE();
}
