using BlazorContact.Web.Check;
using BlazorContact.Web.Hosting;

// `dotnet run --project BlazorContact.Web -- check ws://host:port/contact` checks a deployment;
// anything else runs the server.
if (args is ["check", ..])
{
    return await DeploymentCheck.RunAsync(args[1..], Console.Out);
}

var app = ContactApp.Create(args);
await app.RunAsync();
return 0;
