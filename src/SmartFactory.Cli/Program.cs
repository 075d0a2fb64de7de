using System.Text;
using SmartFactory.Cli;

Console.OutputEncoding = Encoding.UTF8;
return Commands.Run(args, Console.Out, Console.Error);
