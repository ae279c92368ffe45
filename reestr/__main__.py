from reestr.cli import run

run()
