using RipTide.Gateway;

GatewayApp.Create(args).Run();
