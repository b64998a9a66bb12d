using Midicoth.Cli;
using Midicoth.Samples;

// Bit-wise context mixing (see FastCodec.cs), compiled by the Midicoth generator.
return new CliHost("mdg-fast", FastCodec.Instance).Run(args);
