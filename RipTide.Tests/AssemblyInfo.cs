// Whole-app tests share one AppHost, and the Garnet test starts a second DCP: on 2 cores, running
// collections side by side only makes every startup slower and every timeout tighter.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
