from plan_parser.cli import main

main()
