from dagplejecli.cli import main

main()
