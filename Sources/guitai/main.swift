import GuitaiCLI

GuitaiCommand.runMain()
