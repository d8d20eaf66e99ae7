using Instances.LoadTest;

return await Commands.Build().Parse(args).InvokeAsync();
