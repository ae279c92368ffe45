from reestr.cli import main

main()
