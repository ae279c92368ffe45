from reestr.console import run

run()
