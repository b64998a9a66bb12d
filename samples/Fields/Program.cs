using Midicoth.Cli;
using Midicoth.Samples;

// Fast plus a stage of our own for tables and logs (FieldStage.cs), compiled by the Midicoth generator.
return new CliHost("mdg-fields", FieldsCodec.Instance).Run(args);
