import gc
import sys

from .cli import main

status = main()
# The process ends here: spare the interpreter's last collection, which walks
# every object still alive (plotly's and reportlab's modules; ~0.1 s).
gc.freeze()
sys.exit(status)
