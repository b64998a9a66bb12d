using Midicoth.Cli;
using Midicoth.Samples;

// The paper's stack as one input of Fast's mixer (see BridgeCodec.cs), compiled by the Midicoth generator.
return new CliHost("mdg-bridge", BridgeCodec.Instance).Run(args);
