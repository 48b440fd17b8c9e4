// Unit and integration test classes run side by side, each class its own collection. The whole-app
// collection (WholeApp: one AppHost for every test that needs the running system, the browser tests and the
// Garnet test with its second DCP) runs one test at a time: they share the AppHost and, on 2 cores, its time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
