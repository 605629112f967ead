import Foundation

/// One `memtop-bench` subcommand; each lives in its own file and is listed in `benchCommands`.
struct BenchCommand: Sendable {
    let name: String
    let summary: String
    /// Runs with the arguments after the subcommand name and returns the exit status.
    let run: @Sendable ([String]) -> Int32
}

let benchCommands: [BenchCommand] = [alertsBench, sessionBench, smapsBench, smapsParseBench, cpuBench, scaleBench, historyBench, renderBench, fuzzBench]

/// Usage goes to stderr: the bench's stdout is its result table.
func printUsage() {
    var text = "usage: memtop-bench <subcommand>\n\nsubcommands:\n"
    for command in benchCommands {
        text += "  " + command.name.padding(toLength: 12, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let command = benchCommands.first(where: { $0.name == name }) else {
    printUsage()
    exit(2)
}
exit(command.run(Array(arguments.dropFirst())))
