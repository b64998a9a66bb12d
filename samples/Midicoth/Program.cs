using Midicoth.Cli;
using Midicoth.Models;

// The paper's compressor: ppm:4,match,word,highorder,denoise:3.
return new CliHost("midicoth", PipelineCodec.Paper).Run(args);
