using Midicoth.Cli;
using Midicoth.Samples;

// Bit-wise context mixing for ratio (see MaxCodec.cs), compiled by the Midicoth generator.
return new CliHost("mdg-max", MaxCodec.Instance).Run(args);
