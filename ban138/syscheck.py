"""`python -m ban138.syscheck`: stop early, with the exact fix, when a system library is missing.

WeasyPrint loads Pango through ctypes and subsets fonts with HarfBuzz; without them the first
report render fails deep inside a request. `make run` calls this before serving.
"""

import ctypes.util
import sys

REQUIRED = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}


def missing_packages() -> list[str]:
    return [pkg for lib, pkg in REQUIRED.items() if ctypes.util.find_library(lib) is None]


def main() -> int:
    missing = missing_packages()
    if missing:
        print("Thiếu thư viện hệ thống mà WeasyPrint (xuất PDF) cần. Hãy chạy:", file=sys.stderr)
        print(f"  sudo apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
