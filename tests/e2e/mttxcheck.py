"""What the end-to-end scripts share: running mttx and collecting failures."""
import os
import subprocess


class Checker:
    def __init__(self, mttx):
        self.mttx = mttx
        self.failures = []

    def run(self, *args, timeout=60):
        return subprocess.run([self.mttx] + list(args), capture_output=True, text=True,
                              timeout=timeout)

    def expect(self, cond, what):
        if not cond:
            self.failures.append(what)

    def config_error(self, tmp, text, want, *inputs):
        """A config file holding text stops `mttx check` with exit 2 and the message want."""
        path = os.path.join(tmp, "bad.ini")
        with open(path, "w") as f:
            f.write(text)
        p = self.run("check", "--config", path, *inputs)
        self.expect(p.returncode == 2 and want in p.stderr,
                    "config %r: exit %d, stderr %r, wanted %r" % (text, p.returncode, p.stderr, want))
