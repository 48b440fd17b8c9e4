using RipTide.Bench.Cli;

// RipTide's benchmark tool. Each subcommand measures one thing and prints a Markdown table; every
// number in docs/BENCHMARKS.md comes with the command that produced it. `RipTide.Bench --help` and
// `RipTide.Bench <command> --help` list the commands and their options.
return await BenchCommandLine.Create().Parse(args).InvokeAsync();
