// json_simd.cpp - the C API of json_simd.h on simdjson's DOM parser. The only C++ file in
// the tree. dom::element and the iterators are small trivially copyable handles
// (a document pointer and a tape index), so they travel through the opaque C structs
// by memcpy; static_asserts keep that honest.
#include "parsers/json_simd.h"

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

#include "parsers/mem.h"

using namespace simdjson;

struct mx_json_simd {
    dom::parser parser;
    size_t max_bytes;
    size_t max_depth;
    size_t allocated = 0;
    mx_json_simd(size_t b, size_t d) : parser(b), max_bytes(b), max_depth(d) {}
};

static_assert(sizeof(dom::element) <= sizeof(mx_jval), "dom::element must fit mx_jval");
static_assert(std::is_trivially_copyable<dom::element>::value, "dom::element must be POD-like");
static_assert(sizeof(dom::array::iterator) * 2 <= sizeof(mx_jiter), "iterators must fit");
static_assert(sizeof(dom::object::iterator) * 2 <= sizeof(mx_jiter), "iterators must fit");
static_assert(std::is_trivially_copyable<dom::array::iterator>::value, "copyable iterator");
static_assert(std::is_trivially_copyable<dom::object::iterator>::value, "copyable iterator");

static dom::element load(const mx_jval *v) {
    dom::element e;
    std::memcpy(static_cast<void *>(&e), v->opaque, sizeof e);
    return e;
}

static void store(mx_jval *v, const dom::element &e) {
    std::memset(v->opaque, 0, sizeof v->opaque);
    std::memcpy(v->opaque, static_cast<const void *>(&e), sizeof e);
}

extern "C" mx_json_simd *mx_json_simd_new(size_t max_bytes, size_t max_depth) {
    mx_json_simd *j = new (std::nothrow) mx_json_simd(max_bytes, max_depth);
    if (!j) mx_mem_oom(sizeof(mx_json_simd));
    return j;
}

extern "C" void mx_json_simd_free(mx_json_simd *j) {
    delete j;
}

static const char *reason(error_code e, size_t depth) {
    switch (e) {
    case UTF8_ERROR: return "invalid UTF-8";
    case DEPTH_ERROR:
        return depth == 64 ? "nesting deeper than 64 levels" : "nesting deeper than the limit";
    case CAPACITY: return "document larger than the size limit";
    case NUMBER_ERROR:
        return "number out of range (numbers beyond double range and integers beyond 64 bits "
               "are not supported)";
    case STRING_ERROR: return "invalid string (bad escape or unescaped control character)";
    case UNCLOSED_STRING: return "unterminated string";
    case T_ATOM_ERROR:
    case F_ATOM_ERROR:
    case N_ATOM_ERROR: return "invalid literal (expected true, false or null)";
    case EMPTY: return "empty document";
    case UNESCAPED_CHARS: return "unescaped control character in a string";
    case MEMALLOC: return "out of memory";
    default: return "not valid JSON (missing or extra comma, bracket, brace or quote)";
    }
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MX_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(MX_ASAN)
#define MX_ASAN 1
#endif
#ifdef MX_ASAN
#include <sanitizer/asan_interface.h>
#endif

extern "C" const char *mx_json_simd_parse(mx_json_simd *j, const char *buf, size_t len,
                                          mx_jval *root) {
#ifdef MX_ASAN
    /* simdjson (not instrumented) reads the padding past the document: every caller must
     * provide it, and the sanitizer build checks that each one does */
    if (__asan_region_is_poisoned(const_cast<char *>(buf), len + MX_JSON_PADDING)) {
        fprintf(stderr, "mx_json_simd_parse: no %d bytes of padding after the document\n",
                MX_JSON_PADDING);
        abort();
    }
#endif
    if (len > j->max_bytes) return "document larger than the size limit";
    if (j->allocated < len || j->allocated == 0) {
        size_t cap = len < 4096 ? 4096 : len;
        if (j->allocated && cap < j->allocated * 2) cap = j->allocated * 2;
        if (cap > j->max_bytes) cap = j->max_bytes;
        if (j->parser.allocate(cap, j->max_depth + 1) != SUCCESS) return "out of memory";
        j->allocated = cap;
    }
    dom::element e;
    error_code err = j->parser.parse(reinterpret_cast<const uint8_t *>(buf), len, false).get(e);
    if (err) return reason(err, j->max_depth);
    store(root, e);
    return nullptr;
}

static mx_jtype type_of(dom::element_type t) {
    switch (t) {
    case dom::element_type::NULL_VALUE: return MX_J_NULL;
    case dom::element_type::BOOL: return MX_J_BOOL;
    case dom::element_type::INT64: return MX_J_INT;
    case dom::element_type::UINT64: return MX_J_UINT;
    case dom::element_type::DOUBLE: return MX_J_DOUBLE;
    case dom::element_type::STRING: return MX_J_STRING;
    case dom::element_type::ARRAY: return MX_J_ARRAY;
    case dom::element_type::OBJECT: return MX_J_OBJECT;
    }
    return MX_J_NULL;
}

extern "C" mx_jtype mx_json_simd_type(const mx_jval *v) {
    return type_of(load(v).type());
}

extern "C" void mx_json_simd_keyset_init(mx_jkeyset *ks, const mx_jkeyname *keys, int n) {
    std::memset(ks, 0, sizeof *ks);
    ks->keys = keys;
    ks->n = n;
    for (int i = 0; i < n && i < 64; i++)
        if (keys[i].len < 32) ks->by_len[keys[i].len] |= uint64_t{1} << i;
}

extern "C" uint64_t mx_json_simd_collect(const mx_jval *v, const mx_jkeyset *ks, mx_jval *vals,
                                         unsigned char *types) {
    dom::object obj;
    if (load(v).get_object().get(obj)) return 0;
    const mx_jkeyname *keys = ks->keys;
    const uint64_t *by_len = ks->by_len; /* a member is compared with the keys of its length */
    uint64_t seen = 0;
    for (dom::key_value_pair kv : obj) {
        const size_t len = kv.key.size();
        const char *k = kv.key.data();
        for (uint64_t c = len < 32 ? by_len[len] & ~seen : 0; c; c &= c - 1) {
            int i = __builtin_ctzll(c);
            if (keys[i].name[0] != k[0] || std::memcmp(keys[i].name, k, len) != 0) continue;
            seen |= uint64_t{1} << i;
            store(&vals[i], kv.value);
            types[i] = static_cast<unsigned char>(type_of(kv.value.type()));
            break;
        }
    }
    return seen;
}

extern "C" bool mx_json_simd_get(const mx_jval *v, const char *key, mx_jval *out) {
    dom::object obj;
    if (load(v).get_object().get(obj)) return false;
    // Linear scan, first match: at_key would also do, but we want exact-byte keys
    // even with embedded NULs and the documented first-wins rule.
    size_t klen = std::strlen(key);
    for (dom::key_value_pair kv : obj) {
        if (kv.key.size() == klen && std::memcmp(kv.key.data(), key, klen) == 0) {
            store(out, kv.value);
            return true;
        }
    }
    return false;
}

extern "C" bool mx_json_simd_pointer(const mx_jval *v, const char *ptr, mx_jval *out) {
    dom::element e;
    if (load(v).at_pointer(ptr).get(e)) return false;
    store(out, e);
    return true;
}

extern "C" bool mx_json_simd_string(const mx_jval *v, const char **s, size_t *n) {
    std::string_view sv;
    if (load(v).get_string().get(sv)) return false;
    *s = sv.data();
    *n = sv.size();
    return true;
}

extern "C" bool mx_json_simd_int64(const mx_jval *v, int64_t *out) {
    dom::element e = load(v);
    if (e.type() != dom::element_type::INT64) return false;
    return e.get_int64().get(*out) == SUCCESS;
}

extern "C" bool mx_json_simd_double(const mx_jval *v, double *out) {
    return load(v).get_double().get(*out) == SUCCESS;
}

extern "C" bool mx_json_simd_bool(const mx_jval *v, bool *out) {
    return load(v).get_bool().get(*out) == SUCCESS;
}

template <typename It> static void put_iter(mx_jiter *it, const It &cur, const It &end) {
    std::memset(it->opaque, 0, sizeof it->opaque);
    std::memcpy(reinterpret_cast<char *>(it->opaque), static_cast<const void *>(&cur), sizeof cur);
    std::memcpy(reinterpret_cast<char *>(it->opaque) + sizeof cur, static_cast<const void *>(&end),
                sizeof end);
}

template <typename It> static void get_iter(const mx_jiter *it, It &cur, It &end) {
    std::memcpy(static_cast<void *>(&cur), reinterpret_cast<const char *>(it->opaque), sizeof cur);
    std::memcpy(static_cast<void *>(&end), reinterpret_cast<const char *>(it->opaque) + sizeof cur,
                sizeof end);
}

extern "C" bool mx_json_simd_array_begin(const mx_jval *v, mx_jiter *it) {
    dom::array arr;
    if (load(v).get_array().get(arr)) return false;
    put_iter(it, arr.begin(), arr.end());
    return true;
}

extern "C" bool mx_json_simd_array_next(mx_jiter *it, mx_jval *out) {
    dom::array::iterator cur, end;
    get_iter(it, cur, end);
    if (cur == end) return false;
    store(out, *cur);
    ++cur;
    put_iter(it, cur, end);
    return true;
}

extern "C" bool mx_json_simd_object_begin(const mx_jval *v, mx_jiter *it) {
    dom::object obj;
    if (load(v).get_object().get(obj)) return false;
    put_iter(it, obj.begin(), obj.end());
    return true;
}

extern "C" bool mx_json_simd_object_next(mx_jiter *it, const char **key, size_t *key_len,
                                         mx_jval *out) {
    dom::object::iterator cur, end;
    get_iter(it, cur, end);
    if (cur == end) return false;
    std::string_view k = cur.key();
    *key = k.data();
    *key_len = k.size();
    store(out, cur.value());
    ++cur;
    put_iter(it, cur, end);
    return true;
}
