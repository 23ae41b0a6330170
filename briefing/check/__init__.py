"""Branch-only shim (wip-lang): briefing/check/ must be a package for
check/language.py and check/claims.py to be imported, and a package shadows
the module briefing/check.py. This file loads that module and re-exports it,
so `from briefing.check import check_timeline` keeps working here. The CHECK
helper's package replaces this file on merge: take theirs.
"""

import importlib.util as _util
import sys as _sys
from pathlib import Path as _Path

_spec = _util.spec_from_file_location("briefing._check_module", _Path(__file__).parent.parent / "check.py")
_module = _util.module_from_spec(_spec)
_sys.modules[_spec.name] = _module  # dataclasses look their module up there
_spec.loader.exec_module(_module)
globals().update({name: value for name, value in vars(_module).items() if not name.startswith("__")})
