// Bare Kestrel with one minimal-API endpoint and no logging: the ceiling each web load test reports its ratio to,
// measured in the same run because the shared machine's speed varies from minute to minute.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "hello");
app.Run();
