import sys

from hashcompat.cli import main

sys.exit(main())
