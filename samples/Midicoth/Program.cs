using Midicoth.Cli;
using Midicoth.Samples;

// The paper's compressor (ppm:4,match,word,highorder,denoise:3), compiled by the Midicoth generator.
return new CliHost("midicoth", MidicothCodec.Instance).Run(args);
