#!/usr/bin/env python
from amity.manage import main

if __name__ == "__main__":
    main()
