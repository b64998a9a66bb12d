// This file is compiled into Midicoth.Abstractions and, as a linked source, into the netstandard2.0 generator:
// it is the one place that says which stage kinds exist, what role each plays in the data flow, what it is
// called in topology text, which model type implements it, and which parameters it takes (names, defaults,
// ranges). The topology parser, the generator's diagnostics and emitter, the models' constructors and the README
// read it; the generator writes from it the StageKind enum and StageAttribute's parameter properties (into
// Midicoth.Abstractions) and the run-time stage factory (into Midicoth.Models): see CatalogEmitter.
// CatalogConsistencyTests checks all of them and the README against it. Keep it free of newer library features.
using System;
using System.Collections.Generic;
using System.Text;

namespace Midicoth
{
    /// <summary>
    /// Where a stage sits in the data flow. A topology is of one family. Byte-wise: one <see cref="Base"/>, any
    /// number of <see cref="Blend"/> stages, at most one <see cref="Correction"/>, in that order. Bit-wise: one
    /// or more <see cref="BitPredictor"/> stages, one <see cref="Mixer"/>, any number of <see cref="Refinement"/> stages.
    /// </summary>
    internal enum StageRole
    {
        /// <summary>Predicts the first distribution over the 256 byte values; first, exactly once.</summary>
        Base = 0,
        /// <summary>Mixes its own prediction into the running distribution.</summary>
        Blend = 1,
        /// <summary>Corrects the blended distribution before coding; last.</summary>
        Correction = 2,
        /// <summary>Bit-wise: predicts the next bit as inputs to the mixer; first, one or more.</summary>
        BitPredictor = 3,
        /// <summary>Bit-wise: learns to combine the predictors' inputs; exactly one, after them.</summary>
        Mixer = 4,
        /// <summary>Bit-wise: refines the mixed probability; after the mixer, any number.</summary>
        Refinement = 5,
        /// <summary>Rewrites the block before any model sees it (and restores it after decoding); first, any number, each kind once.</summary>
        Transform = 6,
    }

    /// <summary>
    /// The family a stage belongs to: which step runs it. A topology's stages are of one family, but for a bridge,
    /// which turns the byte-wise stack before it into an input of the bit-wise stages after it.
    /// </summary>
    internal enum StageFamily
    {
        /// <summary>A 256-way distribution per byte, blended with fixed rules, coded by a frequency coder (<c>ByteStep</c>).</summary>
        ByteWise = 0,
        /// <summary>Per bit: predictors, a learned mixer, refinements, a binary coder (<c>BitStep</c>).</summary>
        BitWise = 1,
        /// <summary>A block rewritten before any model sees it and restored after decoding (<c>IBlockTransform</c>).</summary>
        Transform = 2,
    }

    /// <summary>A stage's integer parameter: its attribute property name, default, and allowed values.</summary>
    internal sealed class StageParameter
    {
        public StageParameter(string name, string meaning, int defaultValue, int min, int max, int[]? allowed = null, string? atMost = null)
        {
            Name = name;
            Meaning = meaning;
            Default = defaultValue;
            Min = min;
            Max = max;
            Allowed = allowed;
            AtMost = atMost;
        }

        /// <summary>The <c>StageAttribute</c> property (and constructor parameter, in camel case) that sets it.</summary>
        public string Name { get; }

        /// <summary>What it sets, for docs: "the highest context order".</summary>
        public string Meaning { get; }

        public int Default { get; }
        public int Min { get; }
        public int Max { get; }

        /// <summary>When set, only these values are accepted (within Min..Max).</summary>
        public int[]? Allowed { get; }

        /// <summary>When set, the name of a parameter of the same stage this one must not exceed.</summary>
        public string? AtMost { get; }

        public bool Accepts(int value)
        {
            if (value < Min || value > Max) return false;
            return Allowed == null || Array.IndexOf(Allowed, value) >= 0;
        }

        /// <summary>For docs: "Ppm: the highest context order, 0..12. Default 4." (<paramref name="stage"/> is the KindName).</summary>
        public string Document(string stage) =>
            stage + ": " + Meaning + ", " + (Allowed == null ? "" : "one of ") + Describe()
            + (AtMost == null ? "" : ", at most " + AtMost) + ". Default " + Default + ".";

        /// <summary>The accepted values as users read them: <c>0..12</c> or <c>2,3,4,6</c>.</summary>
        public string Describe() =>
            Allowed == null ? Min + ".." + Max : string.Join(",", Allowed);
    }

    /// <summary>One stage kind.</summary>
    internal sealed class StageDescriptor
    {
        public StageDescriptor(int kind, string kindName, string name, StageRole role, string modelType, string summary, params StageParameter[] parameters)
            : this(kind, kindName, name, role, modelType, summary, null, null, parameters)
        {
        }

        public StageDescriptor(int kind, string kindName, string name, StageRole role, string modelType, string summary,
            Func<int[], int>? inputs, Func<int[], long>? memory, params StageParameter[] parameters)
        {
            InputsOf = inputs;
            MemoryOf = memory == null ? null : (Func<int[], long>)(v => memory(v) + StageCatalog.StageBookkeepingBytes);
            Kind = kind;
            KindName = kindName;
            Name = name;
            Role = role;
            ModelType = modelType;
            Summary = summary;
            Parameters = parameters;
        }

        /// <summary>The <c>StageKind</c> value.</summary>
        public int Kind { get; }

        /// <summary>The <c>StageKind</c> member's name.</summary>
        public string KindName { get; }

        /// <summary>The name in topology text.</summary>
        public string Name { get; }

        /// <summary>The stage's place in the data flow.</summary>
        public StageRole Role { get; }

        /// <summary>The model struct, fully qualified; its constructor takes <see cref="Parameters"/> in order.</summary>
        public string ModelType { get; }

        /// <summary>One line for generated doc comments and the README.</summary>
        public string Summary { get; }

        /// <summary>Parameters in constructor order; written <c>name:A-B-…</c> in topology text.</summary>
        public StageParameter[] Parameters { get; }

        /// <summary>Bit predictors: how many mixer inputs the stage gives with these parameter values.</summary>
        public Func<int[], int>? InputsOf { get; }

        /// <summary>
        /// Stages whose tables follow from their parameters (the bit-wise ones): the most bytes they allocate, given
        /// the values and the number of mixer inputs of the topology, <see cref="StageCatalog.StageBookkeepingBytes"/>
        /// included. Null: the tables grow with the input.
        /// </summary>
        public Func<int[], long>? MemoryOf { get; }

        /// <summary>
        /// A stage declared outside the library (<c>[BitStage]</c> on a user's struct): named by <paramref name="name"/>
        /// in text and frames, of kind <see cref="StageCatalog.UserKind"/>, its memory figure the text
        /// <paramref name="memory"/> over its parameters (<see cref="MemoryExpression"/>; a figure that cannot be
        /// evaluated counts as <see cref="StageCatalog.UnboundedBytes"/>, which no limit accepts).
        /// </summary>
        public static StageDescriptor User(string name, StageRole role, string modelType, string summary, int inputs, string memory, StageParameter[] parameters)
        {
            var names = new string[parameters.Length];
            for (int i = 0; i < names.Length; i++) names[i] = parameters[i].Name;
            return new StageDescriptor(StageCatalog.UserKind, name, name, role, modelType, summary,
                role == StageRole.BitPredictor ? v => inputs : (Func<int[], int>?)null,
                v => Math.Min(MemoryExpression.Evaluate(memory, names, v, out _) ?? StageCatalog.UnboundedBytes, StageCatalog.UnboundedBytes),
                parameters)
            {
                MemoryText = memory,
            };
        }

        /// <summary>
        /// Bit-wise stages whose main table shrinks for a short block (see <see cref="StageCatalog.TableSlotsFor"/>):
        /// which parameter gives its size, and how. Null: the stage's memory does not depend on the block.
        /// </summary>
        public TableShrink? Shrink { get; set; }

        /// <summary>
        /// Transforms: the most bytes a block of n bytes becomes once rewritten (the decoder refuses a payload that says
        /// more before allocating, and the memory figure counts it). Null for every other role.
        /// </summary>
        public Func<long, long>? RewrittenLength { get; set; }

        /// <summary>
        /// The most bytes the stage allocates for a block of <paramref name="inputLength"/> bytes: <see cref="MemoryOf"/>,
        /// with the shrinking table at the size such a block gets. Null where <see cref="MemoryOf"/> is.
        /// </summary>
        public long? MemoryFor(int[] values, long inputLength)
        {
            if (MemoryOf == null) return null;
            long full = MemoryOf(values);
            if (Shrink == null) return full;
            int bits = values[Shrink.BitsParameter];
            return full - Shrink.BytesPerSlot * (1L << bits) + Shrink.BytesPerSlot * StageCatalog.TableSlotsFor(bits, inputLength, Shrink.SlotsPerInputByte);
        }

        /// <summary>Whether a user's project declared the stage (see <see cref="User"/>), not the catalog.</summary>
        public bool IsUser => Kind == StageCatalog.UserKind;

        /// <summary>User stages: the memory figure as declared.</summary>
        public string? MemoryText { get; private set; }

        /// <summary>The step that runs the stage.</summary>
        public StageFamily Family => StageCatalog.FamilyOf(Role);

        /// <summary>Whether the stage belongs to the bit-wise family.</summary>
        public bool IsBitWise => Family == StageFamily.BitWise;

        /// <summary>
        /// Whether topology text always spells out the parameters (base and correction stages: their values are the
        /// point of the declaration), or only when they differ from the defaults (blending stages).
        /// </summary>
        public bool AlwaysWritesParameters => Role != StageRole.Blend;

        /// <summary>The position of the parameter called <paramref name="name"/> in <see cref="Parameters"/>, or −1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Parameters.Length; i++) if (Parameters[i].Name == name) return i;
            return -1;
        }

        /// <summary>The defaults, in constructor order.</summary>
        public int[] Defaults()
        {
            var values = new int[Parameters.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Parameters[i].Default;
            return values;
        }

        /// <summary>For model constructors: throws <see cref="ArgumentOutOfRangeException"/> unless the catalog accepts the values.</summary>
        public void Require(params int[] values)
        {
            string? problem = StageCatalog.CheckParameters(this, values);
            if (problem != null) throw new ArgumentOutOfRangeException(Parameters.Length > 0 ? Parameters[0].Name : Name, problem);
        }

        /// <summary>How the stage is written in topology text, e.g. <c>match:MINLENGTH-MAXLENGTH</c>.</summary>
        public string Syntax()
        {
            if (Parameters.Length == 0) return Name;
            var names = new string[Parameters.Length];
            for (int i = 0; i < names.Length; i++) names[i] = Parameters[i].Name.ToUpperInvariant();
            return Name + ":" + string.Join("-", names);
        }
    }

    /// <summary>A table of 2^Bits slots that a short block gets fewer of: <see cref="StageCatalog.TableSlotsFor"/>.</summary>
    internal sealed class TableShrink
    {
        public TableShrink(int bitsParameter, int slotsPerInputByte, int bytesPerSlot)
        {
            BitsParameter = bitsParameter;
            SlotsPerInputByte = slotsPerInputByte;
            BytesPerSlot = bytesPerSlot;
        }

        /// <summary>The index of the parameter that gives the table's size as log2 of its slots.</summary>
        public int BitsParameter { get; }

        /// <summary>How many slots a block needs per byte of content (more only waste memory: see TableSize).</summary>
        public int SlotsPerInputByte { get; }

        /// <summary>Bytes per slot.</summary>
        public int BytesPerSlot { get; }
    }

    /// <summary>The registry of stage kinds (see the file header).</summary>
    internal static class StageCatalog
    {
        public static readonly int[] MatchLengths = { 2, 3, 4, 6, 8, 12, 16, 24, 32 };

        // Numbers a bit-wise model and its entry's input and memory figures share: stated here once, read by both
        // (the models say `public const int Inputs = StageCatalog.WordsInputs;`).

        /// <summary>Mixer inputs of one hashed context (a context map, a sparse or an indirect context).</summary>
        public const int ContextInputs = 1;
        public const int WordsInputs = 2 * ContextInputs;
        public const int BitMatchInputs = 2;
        public const int DirectInputs = 1;
        public const int RecordsInputs = 3;
        public const int TextInputs = 3;
        public const int BridgeInputs = 1;
        public const int ColumnsInputs = 3;

        /// <summary>The history the record and column models keep of the latest bytes (the line or records above must lie in it).</summary>
        public const int LineHistoryBytes = 1 << 16;

        /// <summary>A direct context map's bytes per context: a bit history for each of the 17 × 16 nodes of its two nibbles.</summary>
        public const int DirectBytesPerContext = 17 * 16;

        /// <summary>The points of an APM row (interpolated, 2-byte probabilities).</summary>
        public const int ApmPoints = 33;

        /// <summary>The rows of an APM of <paramref name="order"/>: the bits so far, with the last byte (1) or a 16-bit hash of two (2).</summary>
        public static int ApmRowsOf(int order) => order == 0 ? 256 : 65536;

        public static readonly StageDescriptor Ppm = new StageDescriptor(0, "Ppm", "ppm", StageRole.Base,
            "Midicoth.Models.ByteStages.PpmModel", "PPM, PPM-C escapes with full exclusion",
            new StageParameter("Order", "the highest context order", 4, 0, 12));

        public static readonly StageDescriptor Match = new StageDescriptor(1, "Match", "match", StageRole.Blend,
            "Midicoth.Models.ByteStages.MatchModel",
            "match model (predicts the byte after the latest occurrence of the longest matching context)",
            new StageParameter("MinLength", "the shortest context length looked up (the lengths of the list within MinLength..MaxLength are used)", 4, 2, 32, MatchLengths, atMost: "MaxLength"),
            new StageParameter("MaxLength", "the longest context length looked up", 16, 2, 32, MatchLengths));

        public static readonly StageDescriptor Word = new StageDescriptor(2, "Word", "word", StageRole.Blend,
            "Midicoth.Models.ByteStages.WordModel", "word model (trie of words and word bigrams)");

        public static readonly StageDescriptor HighOrder = new StageDescriptor(3, "HighOrder", "highorder", StageRole.Blend,
            "Midicoth.Models.ByteStages.HighOrderModel", "high-order context model (16-bit counts)",
            new StageParameter("MinOrder", "the lowest context order", 5, 1, 32, atMost: "MaxOrder"),
            new StageParameter("MaxOrder", "the highest context order", 8, 1, 32));

        public static readonly StageDescriptor Denoise = new StageDescriptor(4, "Denoise", "denoise", StageRole.Correction,
            "Midicoth.Models.ByteStages.TweedieDenoiser",
            "Tweedie denoiser (binary-tree correction with James-Stein shrinkage)",
            new StageParameter("Steps", "the number of correction steps", 3, 1, 8));

        private static StageParameter Bits(int defaultValue) =>
            new StageParameter("Bits", "log2 of the table's size in bytes (the most it allocates; short blocks get less)", defaultValue, 16, 30);

        /// <summary>A slot table of 2^bits bytes (and 64 for alignment), and its adaptive maps.</summary>
        private static long SlotMemory(int bits) => (1L << bits) + 64 + 2 * 1024;

        public static readonly StageDescriptor Context = new StageDescriptor(5, "Context", "ctx", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.ContextMapStage", "context map: the last ORDER bytes hashed to nibble slots of bit histories",
            v => ContextInputs, v => SlotMemory(v[1]),
            new StageParameter("Order", "the number of bytes of context", 2, 0, 16),
            Bits(22))
        { Shrink = new TableShrink(1, 16, 1) };

        public static readonly StageDescriptor Words = new StageDescriptor(6, "Words", "words", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.WordStage", "word contexts: the current word with the byte before it, and with the previous word",
            v => WordsInputs, v => SlotMemory(v[0]),
            Bits(22))
        { Shrink = new TableShrink(0, 32, 1) };

        public static readonly StageDescriptor BitMatch = new StageDescriptor(7, "BitMatch", "bitmatch", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.BitMatchStage", "match model: follows the longest recent repeat of the context and expects its next bit",
            v => BitMatchInputs, v => (1L << v[1]) * 2 + 256,
            new StageParameter("MinLength", "the context length that starts a match", 6, 2, 16),
            Bits(22))
        { Shrink = new TableShrink(1, 1, 2) };

        public static readonly StageDescriptor Mixer = new StageDescriptor(8, "Mixer", "mixer", StageRole.Mixer,
            "Midicoth.Models.Mixing.MixerStage", "learned logistic mixer with weight sets chosen by a small context",
            null, v => MixerSets(v[0]) * 4L * MaxMixerInputs,
            new StageParameter("Select", "what picks the weight set: 0 one set, 1 bit position, 2 bits of the byte so far, 3 those and the match state", 3, 0, 3),
            new StageParameter("Rate", "the learning rate where it settles (it starts at four times that)", 6, 1, 32));

        public static readonly StageDescriptor Apm = new StageDescriptor(9, "Apm", "apm", StageRole.Refinement,
            "Midicoth.Models.Mixing.ApmStage", "adaptive probability map (SSE) on the bits so far and the last ORDER bytes",
            null, v => (long)ApmRowsOf(v[0]) * ApmPoints * 2,
            new StageParameter("Order", "the bytes of context besides the bits so far (2 and more: hashed to 16 bits)", 1, 0, 4),
            new StageParameter("Rate", "log2 of the inverse learning rate", 7, 4, 9));

        public static readonly StageDescriptor Direct = new StageDescriptor(10, "Direct", "direct", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.DirectContextStage", "direct context map: the last ORDER bytes index bit histories without hashing",
            v => DirectInputs, v => ((long)DirectBytesPerContext << (8 * v[0])) + 2 * 1024,
            new StageParameter("Order", "the number of bytes of context (its table: 272 bytes times 256^ORDER)", 1, 0, 2));

        public static readonly StageDescriptor Mixer2 = new StageDescriptor(11, "Mixer2", "mixer2", StageRole.Mixer,
            "Midicoth.Models.Mixing.MixerNetworkStage", "two-layer mixer: SETS weight sets chosen by different contexts, mixed again",
            null, v => (Mixer2Rows(v[0]) * MaxMixerInputs + Mixer2FinalRows * v[0]) * 4L,
            new StageParameter("Sets", "first-layer weight sets mixed again: the bits so far with the match state, the last byte, the byte before, the bit position with the last byte's high nibble, with how many context maps know the node, the last two bytes hashed", 3, 1, 6),
            new StageParameter("Rate", "the first layer's learning rate where it settles (it starts at four times that)", 6, 1, 32));

        /// <summary>The weight sets mixer2's selector <paramref name="selector"/> (0..5) chooses among.</summary>
        public static int Mixer2SelectorRows(int selector) => selector switch { 0 => 1024, 1 => 2048, 2 => 256, 3 => 128, 4 => 64, _ => 1024 };

        /// <summary>The rows of mixer2's second layer (chosen by the bits so far with the match state).</summary>
        public const int Mixer2FinalRows = 1024;

        private static long Mixer2Rows(int sets)
        {
            long rows = 0;
            for (int s = 0; s < sets; s++) rows += Mixer2SelectorRows(s);
            return rows;
        }

        public static readonly StageDescriptor Sparse = new StageDescriptor(12, "Sparse", "sparse", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.SparseContextStage", "sparse context map: ORDER bytes after skipping the last SKIP, hashed to nibble slots",
            v => ContextInputs, v => SlotMemory(v[2]),
            new StageParameter("Skip", "the latest bytes left out of the context", 1, 1, 8),
            new StageParameter("Order", "the bytes of context after them", 1, 1, 4),
            Bits(22))
        { Shrink = new TableShrink(2, 16, 1) };

        public static readonly StageDescriptor Indirect = new StageDescriptor(13, "Indirect", "indirect", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.IndirectContextStage", "indirect context map: the bytes that followed the last ORDER bytes before, as a context",
            v => ContextInputs, v => SlotMemory(v[1]) + (2L << (8 * v[0])),
            new StageParameter("Order", "the bytes that key the history of what followed them", 1, 1, 2),
            Bits(22))
        { Shrink = new TableShrink(1, 16, 1) };

        public static readonly StageDescriptor Records = new StageDescriptor(14, "Records", "records", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.RecordStage", "record model: a detected record length, the bytes above and the column as contexts",
            v => RecordsInputs, v => SlotMemory(v[0]) + 2048 + LineHistoryBytes + 256 * 9,
            Bits(22))
        { Shrink = new TableShrink(0, 32, 1) };

        public static readonly StageDescriptor Text = new StageDescriptor(15, "Text", "text", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.TextStage", "more word contexts: the last three words, a word with the one before the previous, what follows a word",
            v => TextInputs, v => SlotMemory(v[0]) + 1024,
            Bits(22))
        { Shrink = new TableShrink(0, 48, 1) };

        public static readonly StageDescriptor Bridge = new StageDescriptor(16, "Bridge", "bridge", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.BridgeStage", "bridge: the byte-wise stages before it, their distribution's binary tree as one mixer input",
            v => BridgeInputs, null);

        public static readonly StageDescriptor Columns = new StageDescriptor(17, "Columns", "columns", StageRole.BitPredictor,
            "Midicoth.Models.BitPredictors.ColumnStage", "line columns: the byte at the same column of the line above, with the last byte and with the column; the line so far",
            v => ColumnsInputs, v => SlotMemory(v[0]) + 1024 + LineHistoryBytes,
            Bits(22))
        { Shrink = new TableShrink(0, 48, 1) };

        public static readonly StageDescriptor Jpeg = new StageDescriptor(18, "Jpeg", "jpeg", StageRole.BitPredictor,
            "Midicoth.Models.Jpeg.JpegStage", "JPEG model: follows baseline JPEG images' Huffman codes and predicts them from the coefficients around",
            v => JpegInputs, v => (1L << v[0]) * 5 + JpegFollowerBytes,
            new StageParameter("Bits", "log2 of the table's slots, of 5 bytes each (a bit history and a probability; the most it allocates, short blocks get less)", 23, 16, 28))
        { Shrink = new TableShrink(0, 128, 5) };

        /// <summary>The JPEG model's mixer inputs: its three mixers and two refinements.</summary>
        public const int JpegInputs = 5;

        /// <summary>
        /// What the JPEG model keeps besides its tables (a bit history and a 4-byte probability per slot), at most: two
        /// rows of blocks per component (four components, 8,196 blocks a row, 64 two-byte coefficients and a count each),
        /// a marker segment, Huffman and quantisation tables, 21 contexts' maps, three mixers of 43 weights (the first with 513 sets), two
        /// refinement maps of 33-point rows.
        /// </summary>
        private const long JpegFollowerBytes = 4L * 2 * 8196 * (64 * 2 + 1) + 65536 + 8 * 256 + 3 * 8 * 17 * 4 + 4 * 64 * 4
            + JpegContexts * 256 * 4 + (JpegPositionSets + JpegLengthSets + JpegNeighbourSets) * JpegWeights * 4 + 3 * JpegWeights * 4
            + (JpegPositionRows + JpegNeighbourRows + 2) * ApmPoints * 2;

        /// <summary>The JPEG model's contexts, each a bit history and a map of 256 entries.</summary>
        public const int JpegContexts = 21;

        /// <summary>The weights of each of the JPEG model's mixers: two per context, and the bias.</summary>
        public const int JpegWeights = 2 * JpegContexts + 1;

        /// <summary>Weight sets of the JPEG model's three mixers (each with one more for the byte after an FF): code kind × zig-zag position × code bits so far (0-3+); code kind × code length × component; code kind × size of the last block's coefficient × of the edge prediction.</summary>
        public const int JpegPositionSets = 2 * 64 * 4 + 1, JpegLengthSets = 2 * 17 * 4 + 1, JpegNeighbourSets = 2 * 8 * 8 + 1;

        /// <summary>Rows of the JPEG model's two refinements (without the one each adds for the byte after an FF): code kind × position × the byte so far; code kind × neighbours × the byte so far.</summary>
        public const int JpegPositionRows = 2 * 64 * 256, JpegNeighbourRows = 2 * 32 * 256;

        public static readonly StageDescriptor X86 = new StageDescriptor(19, "X86", "x86", StageRole.Transform,
            "Midicoth.Models.Transforms.X86Transform", "x86/x64 code filter: the targets of relative CALL and JMP made absolute, in the 64 KiB regions where that makes them repeat",
            null, v => 0)
        { RewrittenLength = n => Saturating(n + X86RegionFlagBytes(n) + TransformHeaderBytes) };

        /// <summary>The x86 filter's regions: each is filtered or not, as its detector finds (one flag bit each in the block's header).</summary>
        public const int X86RegionBytes = 1 << 16;

        /// <summary>The bytes of region flags the x86 filter writes for a block of <paramref name="n"/> bytes: a bit per region, rounded up, and room for one more.</summary>
        public static long X86RegionFlagBytes(long n) => (n / X86RegionBytes + 8) / 8;

        /// <summary>The most bytes a transform's header takes besides its per-region or per-stream data: lengths as 5-byte varints.</summary>
        public const int TransformHeaderBytes = 16;

        public static readonly StageDescriptor Deflate = new StageDescriptor(20, "Deflate", "deflate", StageRole.Transform,
            "Midicoth.Models.Transforms.DeflateTransform", "deflate recompression: gzip, zlib and zip streams (archives, documents, PDFs) inflated where our deflate rebuilds them bit for bit",
            null, v => DeflateWorkingBytes)
        { RewrittenLength = n => Saturating(DeflateExpansion * n + DeflateSlackBytes) };

        /// <summary>
        /// The deflate transform's bomb guard: a block of n bytes rewrites to at most this many times n (and
        /// <see cref="DeflateSlackBytes"/>); streams that would go past it stay as they are. Text deflates to a third
        /// or a quarter; logs and tables to an eighth, which this still takes.
        /// </summary>
        public const int DeflateExpansion = 8;

        public const int DeflateSlackBytes = 1 << 20;

        /// <summary>The most bytes one stream may inflate to (and be rewritten as): the guard against a single bomb.</summary>
        public const int DeflateStreamBytes = 64 << 20;

        /// <summary>What the deflate encoder that checks and rebuilds streams holds: its window, hash chains, symbol buffer and trees.</summary>
        public const long DeflateWorkingBytes = 2 * 32768 + 2 * 2 * 32768 + 2 * 2 * 65536 + 4 * 32768 + 64 * 1024;

        /// <summary><paramref name="n"/>, or a bound no block reaches when it would overflow.</summary>
        private static long Saturating(long n) => n < 0 || n > (1L << 50) ? 1L << 50 : n;

        public static readonly StageDescriptor[] All = { Ppm, Match, Word, HighOrder, Denoise, Context, Words, BitMatch, Mixer, Apm, Direct, Mixer2, Sparse, Indirect, Records, Text, Bridge, Columns, Jpeg, X86, Deflate };

        /// <summary>The family of each role: the one place that says which step runs a role's stages.</summary>
        public static StageFamily FamilyOf(StageRole role)
        {
            switch (role)
            {
                case StageRole.Base:
                case StageRole.Blend:
                case StageRole.Correction:
                    return StageFamily.ByteWise;
                case StageRole.BitPredictor:
                case StageRole.Mixer:
                case StageRole.Refinement:
                    return StageFamily.BitWise;
                case StageRole.Transform:
                    return StageFamily.Transform;
                default:
                    throw new ArgumentOutOfRangeException(nameof(role), role, "a role without a family");
            }
        }

        /// <summary>Whether stages form a bit-wise topology (any bit-wise stage: a byte-wise stack may stand before a bridge).</summary>
        public static bool IsBitWise(IList<StageDescriptor> stages)
        {
            foreach (StageDescriptor d in stages) if (d.IsBitWise) return true;
            return false;
        }

        /// <summary>Where the bridge stands, or −1.</summary>
        public static int BridgeAt(IList<StageDescriptor> stages)
        {
            for (int i = 0; i < stages.Count; i++) if (stages[i] == Bridge) return i;
            return -1;
        }

        /// <summary>
        /// The slots a table of 2^<paramref name="bits"/> gets for a block of <paramref name="inputLength"/> bytes: all
        /// of them, or for a shorter block the power of two ≥ <paramref name="slotsPerInputByte"/> × length (at least
        /// 2^16). Both ends know the block's length, so both size alike; the decoder's memory check counts the same.
        /// </summary>
        public static long TableSlotsFor(int bits, long inputLength, int slotsPerInputByte)
        {
            long declared = 1L << bits;
            if (inputLength >= declared / slotsPerInputByte) return declared;
            long needed = 1L << 16;
            while (needed < inputLength * slotsPerInputByte && needed < declared) needed <<= 1;
            return Math.Min(declared, needed);
        }

        /// <summary>
        /// What a bit-wise stage holds besides the tables its entry counts, at most: its own fields and box, its
        /// cursors, object headers and small arrays (measured: under 7 KiB for every kind at its parameters' limits;
        /// DeclaredMemoryTests checks the whole figure against what each model allocates).
        /// </summary>
        public const long StageBookkeepingBytes = 16 * 1024;

        /// <summary>The kind byte that stands for a user stage in a frame; its name follows (see <see cref="StageDescriptor.User"/>).</summary>
        public const int UserKind = 255;

        /// <summary>The longest user stage name.</summary>
        public const int MaxUserNameLength = 64;

        /// <summary>The most mixer inputs one user stage may write.</summary>
        public const int MaxUserInputs = 32;

        /// <summary>A memory figure that no limit accepts (1 PiB): what a user stage's figure counts as when it cannot be evaluated, and its cap (sums never overflow).</summary>
        public const long UnboundedBytes = 1L << 50;

        /// <summary>
        /// Why <paramref name="name"/> cannot name a user stage, or null: an owner, a dot, then the stage, in lower-case
        /// ASCII letters, digits and '-', each part starting with a letter, at most <see cref="MaxUserNameLength"/>
        /// characters (e.g. <c>acme.csv-field</c>). <paramref name="clash"/> says the name is a built-in stage's.
        /// </summary>
        public static string? CheckUserName(string? name, out bool clash)
        {
            clash = false;
            if (string.IsNullOrEmpty(name)) return "a stage needs a name, e.g. \"acme.csv-field\"";
            if (Find(name!) != null)
            {
                clash = true;
                return "'" + name + "' is the name of a built-in stage; a stage of your own is named with an owner and a dot, e.g. \"acme." + name + "\"";
            }
            if (name!.Length > MaxUserNameLength) return "'" + name + "' is longer than " + MaxUserNameLength + " characters";
            string[] parts = name.Split('.');
            if (parts.Length < 2) return "'" + name + "' has no owner: a stage of your own is named with an owner and a dot, e.g. \"acme." + name + "\"";
            foreach (string part in parts)
            {
                if (part.Length == 0 || part[0] < 'a' || part[0] > 'z') return "'" + name + "': each part between dots starts with a lower-case letter a-z";
                foreach (char c in part)
                {
                    if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) return "'" + name + "': only lower-case letters a-z, digits, '-' and '.' (found '" + c + "')";
                }
            }
            return null;
        }

        /// <summary>The most mixer inputs a topology may have (bias included), which bounds the mixer's memory.</summary>
        public const int MaxMixerInputs = 64;

        /// <summary>The weight sets of mixer selector <paramref name="select"/>.</summary>
        public static int MixerSets(int select) => select == 0 ? 1 : select == 1 ? 8 : select == 2 ? 256 : 1024;

        /// <summary>The memory a decoder accepts by default before allocating a frame's tables (the CLI's --memory changes it).</summary>
        public const long DefaultMemoryLimit = 1L << 30;

        /// <summary>
        /// <paramref name="bytes"/> in whole MiB, rounded up: how every memory message states a need (so that a need
        /// of 1 GiB and one byte never reads as "1024 MiB, above the limit of 1024 MiB").
        /// </summary>
        public static long MebibytesRoundedUp(long bytes) => (bytes + (1 << 20) - 1) >> 20;

        /// <summary>
        /// The most bytes the tables of a bit-wise topology take (null for byte-wise ones, whose tables grow with
        /// the input and are bounded by the block size instead).
        /// </summary>
        public static long? MemoryOf(IList<StageDescriptor> stages, IList<int[]> values) => MemoryFor(stages, values, long.MaxValue);

        /// <summary>As <see cref="MemoryOf(IList{StageDescriptor}, IList{int[]})"/>, for a block of <paramref name="inputLength"/> bytes (its tables may be smaller).</summary>
        public static long? MemoryFor(IList<StageDescriptor> stages, IList<int[]> values, long inputLength)
        {
            long total = 0;
            long length = inputLength;
            for (int i = 0; i < stages.Count; i++)
            {
                if (stages[i].RewrittenLength != null)
                {
                    // A transform: its working memory and the block it writes, which the models after it then see.
                    length = stages[i].RewrittenLength!(Math.Min(length, 1L << 50));
                    total += stages[i].MemoryOf!(values[i]) + (inputLength == long.MaxValue ? 0 : length);
                    continue;
                }
                long? stage = stages[i].MemoryFor(values[i], inputLength == long.MaxValue ? long.MaxValue : length);
                if (stage == null) return null;
                total += stage.Value;
            }
            return total;
        }

        /// <summary>The most bytes a block of <paramref name="length"/> bytes becomes through the transforms among <paramref name="stages"/>.</summary>
        public static long RewrittenLengthOf(IList<StageDescriptor> stages, long length)
        {
            foreach (StageDescriptor stage in stages) if (stage.RewrittenLength != null) length = stage.RewrittenLength(length);
            return length;
        }

        /// <summary>How many transforms stand at the start of <paramref name="stages"/>.</summary>
        public static int TransformsAt(IList<StageDescriptor> stages)
        {
            int count = 0;
            while (count < stages.Count && stages[count].Role == StageRole.Transform) count++;
            return count;
        }

        /// <summary>The mixer inputs of a bit-wise topology: each predictor's, plus the bias.</summary>
        public static int InputsOf(IList<StageDescriptor> stages, IList<int[]> values)
        {
            int inputs = 1;
            for (int i = 0; i < stages.Count; i++) if (stages[i].InputsOf != null) inputs += stages[i].InputsOf!(values[i]);
            return inputs;
        }

        public static StageDescriptor? Find(int kind)
        {
            foreach (StageDescriptor d in All)
            {
                if (d.Kind == kind) return d;
            }
            return null;
        }

        public static StageDescriptor? Find(string name)
        {
            foreach (StageDescriptor d in All)
            {
                if (string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) return d;
            }
            return null;
        }

        /// <summary>The names of every kind of a role, for messages: <c>match, word, highorder</c>.</summary>
        public static string NamesOf(StageRole role)
        {
            var names = new List<string>();
            foreach (StageDescriptor d in All) if (d.Role == role) names.Add(d.Name);
            return string.Join(", ", names);
        }

        /// <summary>
        /// The canonical text of a topology: stage names in order, each with its parameters where
        /// <see cref="StageDescriptor.AlwaysWritesParameters"/> or where they differ from the defaults.
        /// </summary>
        public static string Format(IEnumerable<KeyValuePair<StageDescriptor, int[]>> stages)
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<StageDescriptor, int[]> pair in stages)
            {
                StageDescriptor stage = pair.Key;
                int[] values = pair.Value;
                if (text.Length > 0) text.Append(',');
                text.Append(stage.Name);
                bool atDefaults = true;
                for (int i = 0; i < values.Length; i++) atDefaults &= values[i] == stage.Parameters[i].Default;
                if (values.Length > 0 && (stage.AlwaysWritesParameters || !atDefaults))
                {
                    text.Append(':');
                    for (int i = 0; i < values.Length; i++) text.Append(i > 0 ? "-" : "").Append(values[i]);
                }
            }
            return text.ToString();
        }

        /// <summary>Why these parameter values cannot run, or null.</summary>
        public static string? CheckParameters(StageDescriptor stage, int[] values) => CheckParameters(stage, values, out _);

        /// <summary>Why these parameter values cannot run, or null; <paramref name="culprit"/> is the index of the parameter at fault (−1: none).</summary>
        public static string? CheckParameters(StageDescriptor stage, int[] values, out int culprit)
        {
            culprit = -1;
            if (values.Length != stage.Parameters.Length)
            {
                return stage.Name + " takes " + stage.Parameters.Length + " parameter(s), not " + values.Length;
            }
            for (int i = 0; i < stage.Parameters.Length; i++)
            {
                StageParameter p = stage.Parameters[i];
                if (p.Accepts(values[i])) continue;
                culprit = i;
                return stage.Name + " " + p.Name + " must be " + p.Describe() + ", not " + values[i];
            }
            for (int i = 0; i < stage.Parameters.Length; i++)
            {
                StageParameter p = stage.Parameters[i];
                if (p.AtMost == null) continue;
                int other = stage.IndexOf(p.AtMost);
                if (values[i] <= values[other]) continue;
                culprit = i;
                return stage.Name + " " + p.Name + " must not exceed " + p.AtMost;
            }
            return null;
        }

        /// <summary>
        /// Why the stages cannot form a topology, or null: the rules of <see cref="StageRole"/> for each family, no
        /// stage twice (bit predictors and refinements may repeat with other parameters), at most <see cref="MaxMixerInputs"/> inputs.
        /// Parameters are assumed checked (<see cref="CheckParameters(StageDescriptor, int[])"/>).
        /// </summary>
        public static TopologyProblem? CheckTopology(IList<StageDescriptor> stages, IList<int[]> values) => CheckTopology(stages, values, false);

        /// <summary>As above; <paramref name="bridged"/>: the bit-wise part after a bridge, checked as if the bridge were a plain predictor.</summary>
        private static TopologyProblem? CheckTopology(IList<StageDescriptor> stages, IList<int[]> values, bool bridged)
        {
            if (stages.Count == 0) return new TopologyProblem(TopologyError.NoPredictor, -1, "a topology needs a base stage (" + NamesOf(StageRole.Base) + ") or bit predictors (" + NamesOf(StageRole.BitPredictor) + ")");
            int transforms = bridged ? 0 : TransformsAt(stages);
            for (int i = transforms; i < stages.Count; i++)
            {
                if (stages[i].Role == StageRole.Transform) return new TopologyProblem(TopologyError.Misplaced, i, "'" + stages[i].Name + "' is a transform: it rewrites the block before any model sees it, so it stands first");
            }
            for (int i = 0; i < stages.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (stages[j] != stages[i] && !(stages[i].IsUser && stages[j].IsUser && stages[i].Name == stages[j].Name)) continue;
                    bool mayRepeat = stages[i].Role == StageRole.BitPredictor || stages[i].Role == StageRole.Refinement;
                    if (mayRepeat && !SameValues(values[i], values[j])) continue;
                    return new TopologyProblem(TopologyError.Duplicate, i, "'" + stages[i].Name + "' appears twice"
                        + (mayRepeat ? " with the same parameters" : ""));
                }
            }
            if (transforms > 0)
            {
                // (A transform twice is a duplicate, found above.) The models after the transforms follow their own rules.
                if (transforms == stages.Count) return new TopologyProblem(TopologyError.NoPredictor, -1, "the transforms need models after them: a base stage (" + NamesOf(StageRole.Base) + ") or bit predictors (" + NamesOf(StageRole.BitPredictor) + ")");
                TopologyProblem? models = CheckTopology(Slice(stages, transforms, stages.Count), Slice(values, transforms, stages.Count), false);
                return models == null ? null : new TopologyProblem(models.Error, models.Index < 0 ? -1 : models.Index + transforms, models.Message);
            }
            int bridgeAt = bridged ? -1 : BridgeAt(stages);
            // A bridge after bit predictors is reported below as misplaced; otherwise the families must line up.
            for (int i = 1; i < stages.Count && !(bridgeAt > 0 && stages[0].IsBitWise); i++)
            {
                // A bridge turns the byte-wise stages before it into a mixer input: those stand before it, bit-wise ones after.
                bool expected = bridgeAt < 0 ? stages[0].IsBitWise : i >= bridgeAt;
                if (stages[i].IsBitWise == expected) continue;
                if (bridgeAt >= 0)
                {
                    return new TopologyProblem(TopologyError.MixedFamilies, i, "'" + stages[i].Name + "' is a " + (stages[i].IsBitWise ? "bit-wise stage before" : "byte-wise stage after")
                        + " '" + Bridge.Name + "': the byte-wise stack the bridge feeds to the mixer comes before it, the bit-wise stages after it");
                }
                StageDescriptor bit = stages[i].IsBitWise ? stages[i] : stages[0], byteWise = stages[i].IsBitWise ? stages[0] : stages[i];
                return new TopologyProblem(TopologyError.MixedFamilies, i, "'" + bit.Name + "' is a bit-wise stage and '" + byteWise.Name
                    + "' a byte-wise one: a topology is either byte-wise (base, blends, correction) or bit-wise (predictors, mixer, refinements), "
                    + "or byte-wise stages then '" + Bridge.Name + "', which feeds them to the mixer, then bit-wise ones");
            }
            if (bridgeAt >= 0)
            {
                if (bridgeAt == 0 || stages[0].IsBitWise) return new TopologyProblem(TopologyError.Misplaced, bridgeAt, "'" + Bridge.Name + "' feeds the byte-wise stages before it to the mixer: declare a base stage (" + NamesOf(StageRole.Base) + ") and any blends and correction before it");
                // (A second bridge is a duplicate, found above.) The stack before the bridge follows the byte-wise
                // rules; the rest, from the bridge on, the bit-wise ones.
                TopologyProblem? stack = CheckTopology(Slice(stages, 0, bridgeAt), Slice(values, 0, bridgeAt), true);
                if (stack != null) return stack;
                TopologyProblem? rest = CheckTopology(Slice(stages, bridgeAt, stages.Count), Slice(values, bridgeAt, stages.Count), true);
                return rest == null ? null : new TopologyProblem(rest.Error, rest.Index < 0 ? -1 : rest.Index + bridgeAt, rest.Message);
            }
            if (!stages[0].IsBitWise)
            {
                int baseAt = -1;
                for (int i = 0; i < stages.Count && baseAt < 0; i++) if (stages[i].Role == StageRole.Base) baseAt = i;
                if (baseAt < 0) return new TopologyProblem(TopologyError.NoPredictor, -1, "a byte-wise topology needs a base stage (" + NamesOf(StageRole.Base) + ") to blend into");
                // One problem: a misplaced base stage if there is one (the stages it pushed out of place follow from
                // it), else the first stage out of place (the ones after it may be fine once it moves).
                int first = -1;
                for (int i = 0; i < stages.Count; i++)
                {
                    if (CheckPlace(stages, i) == null) continue;
                    if (first < 0 || stages[i].Role == StageRole.Base) first = i;
                    if (stages[i].Role == StageRole.Base) break;
                }
                return first < 0 ? null : new TopologyProblem(TopologyError.Misplaced, first, CheckPlace(stages, first)!);
            }
            int predictors = 0, mixerAt = -1;
            for (int i = 0; i < stages.Count; i++)
            {
                StageDescriptor stage = stages[i];
                switch (stage.Role)
                {
                    case StageRole.BitPredictor:
                        if (mixerAt >= 0 || i > 0 && stages[i - 1].Role != StageRole.BitPredictor)
                        {
                            return new TopologyProblem(TopologyError.Misplaced, i, "'" + stage.Name + "' is a bit predictor: it must come before the mixer, which learns from it");
                        }
                        predictors++;
                        break;
                    case StageRole.Mixer:
                        if (mixerAt >= 0) return new TopologyProblem(TopologyError.Duplicate, i, "'" + stage.Name + "' is a second mixer: a topology has one (mixer2 mixes several weight sets itself)");
                        if (predictors == 0) return new TopologyProblem(TopologyError.MixerWithoutInputs, i, "'" + stage.Name + "' has no inputs: declare bit predictors (" + NamesOf(StageRole.BitPredictor) + ") before it");
                        mixerAt = i;
                        break;
                    default:
                        if (mixerAt < 0) return new TopologyProblem(TopologyError.Misplaced, i, "'" + stage.Name + "' refines the mixer's probability: it must come after the mixer");
                        break;
                }
            }
            if (predictors == 0) return new TopologyProblem(TopologyError.NoPredictor, -1, "a bit-wise topology needs bit predictors (" + NamesOf(StageRole.BitPredictor) + ")");
            if (mixerAt < 0) return new TopologyProblem(TopologyError.NoMixer, stages.Count - 1, "the bit predictors have no mixer: add '" + Mixer.Name + "' after them");
            int inputs = InputsOf(stages, values);
            if (inputs > MaxMixerInputs) return new TopologyProblem(TopologyError.TooManyInputs, mixerAt, "'" + stages[mixerAt].Name + "' would have " + inputs + " inputs, more than " + MaxMixerInputs);
            return null;
        }

        private static List<T> Slice<T>(IList<T> items, int from, int to)
        {
            var slice = new List<T>(to - from);
            for (int i = from; i < to; i++) slice.Add(items[i]);
            return slice;
        }

        private static bool SameValues(int[] a, int[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        /// <summary>
        /// Why stage <paramref name="index"/> of the given roles (in declaration order) cannot stand where it is,
        /// or null: the base first, then blending stages, then at most one correction, last.
        /// </summary>
        public static string? CheckPlace(IList<StageDescriptor> stages, int index)
        {
            StageDescriptor stage = stages[index];
            switch (stage.Role)
            {
                case StageRole.Base:
                    return index == 0 ? null : "'" + stage.Name + "' must be the first stage: the blending stages mix into the distribution it produces";
                case StageRole.Blend:
                    return index > 0 && stages[index - 1].Role is StageRole.Base or StageRole.Blend
                        ? null
                        : "'" + stage.Name + "' must follow the base stage and come before the correction";
                case StageRole.Correction:
                    return index == stages.Count - 1 && index > 0 ? null : "'" + stage.Name + "' must be the last stage, after a base stage";
                case StageRole.Transform:
                    return "'" + stage.Name + "' is a transform: it rewrites the block before any model sees it, so it stands first";
                default:
                    return "'" + stage.Name + "' is a bit-wise stage, which a byte-wise topology cannot run";
            }
        }
    }

    /// <summary>What is wrong with a topology as a whole (each has its own generator diagnostic).</summary>
    internal enum TopologyError
    {
        NoPredictor,
        Misplaced,
        Duplicate,
        MixedFamilies,
        NoMixer,
        MixerWithoutInputs,
        TooManyInputs,
    }

    /// <summary>A topology's problem: its kind, the stage at fault (−1: the topology as a whole), the message.</summary>
    internal sealed class TopologyProblem
    {
        public TopologyProblem(TopologyError error, int index, string message)
        {
            Error = error;
            Index = index;
            Message = message;
        }

        public TopologyError Error { get; }
        public int Index { get; }
        public string Message { get; }
    }
}
