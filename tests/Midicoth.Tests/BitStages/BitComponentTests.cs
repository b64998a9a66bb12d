namespace Midicoth.Tests;

/// <summary>The bit-wise building blocks, each on its own.</summary>
public class BitComponentTests
{
    [Fact]
    public void Squash_and_stretch_are_monotone_inverses()
    {
        for (int p = 1; p < 4096; p++)
        {
            Assert.True(Logistic.Stretch(p) >= Logistic.Stretch(p - 1));
            Assert.InRange(Logistic.Squash(Logistic.Stretch(p)), p - 40, p + 40);
        }
        Assert.Equal(2048, Logistic.Squash(0));
        Assert.InRange(Logistic.Stretch(2048), -8, 8);
        Assert.Equal(1, Logistic.Squash(-5000));
        Assert.Equal(4095, Logistic.Squash(5000));
    }

    [Fact]
    public void Bit_histories_fit_a_byte_and_count_what_they_saw()
    {
        Assert.InRange(BitHistory.Count, 100, 256);
        int s = 0;
        for (int i = 0; i < 10; i++) s = BitHistory.Update(s, 1);
        Assert.Equal(10, BitHistory.Total[s]);
        // A 0 after a run of ones discounts the ones (nonstationary) and counts the zero.
        int after = BitHistory.Update(s, 0);
        Assert.True(BitHistory.Total[after] < 10);
        // Every transition stays inside the table.
        for (int state = 0; state < BitHistory.Count; state++)
        {
            Assert.InRange(BitHistory.Update(state, 0), 0, BitHistory.Count - 1);
            Assert.InRange(BitHistory.Update(state, 1), 0, BitHistory.Count - 1);
        }
    }

    [Fact]
    public void An_adaptive_map_learns_fast_then_settles()
    {
        var map = new AdaptiveMap(4);
        Assert.Equal(2048, map.P(0));
        map.Update(0, 1);
        Assert.True(map.P(0) > 3000, "the first update moves by 2/3");
        for (int i = 0; i < 200; i++) map.Update(0, 1);
        Assert.True(map.P(0) > 4050);
        Assert.Equal(2048, map.P(1));
    }

    [Fact]
    public void A_slot_table_finds_what_it_claimed_and_replaces_the_least_used()
    {
        var table = new SlotTable(1 << 16);
        uint a = 0x11000005, b = 0x22000005, c = 0x33000005, d = 0x44000005, e = 0x55000005; // one line, five checks
        int slotA = table.Find(a);
        Assert.Equal(slotA, table.Find(a));
        int[] others = [table.Find(b), table.Find(c), table.Find(d)];
        Assert.Equal(4, others.Append(slotA).Distinct().Count());
        // Make a's first node confident; the fifth context then takes the least used slot, not a's.
        int state = 0;
        for (int i = 0; i < 8; i++) state = BitHistory.Update(state, 1);
        table[slotA + 1] = (byte)state;
        int slotE = table.Find(e);
        Assert.NotEqual(slotA, slotE);
        Assert.Equal(slotA, table.Find(a));
        Assert.Equal(0, table[slotE + 1]);
    }

    [Fact]
    public void Table_sizes_follow_the_declaration_and_shrink_for_short_blocks()
    {
        Assert.Equal(1L << 22, TableSize.For(22, long.MaxValue, 64));
        Assert.Equal(1L << 22, TableSize.For(22, 10_000_000, 64));
        Assert.Equal(1L << 16, TableSize.For(22, 100, 64));
        Assert.Equal(1L << 17, TableSize.For(22, 1500, 64));
    }

    [Fact]
    public void The_mixer_learns_to_trust_the_input_that_is_right()
    {
        var mixer = new MixerStage(3, 0, 6);
        var context = BitContext.Start;
        var random = new Random(1);
        int late = 0;
        for (int i = 0; i < 4000; i++)
        {
            int bit = random.Next(2);
            // Input 0 knows the bit; input 1 is noise; input 2 is the bias.
            int[] inputs = [bit == 1 ? 1500 : -1500, random.Next(-1500, 1500), MixerStage.Bias];
            int p = mixer.Mix(inputs, context);
            if (i >= 3000) late += bit == 1 ? 4096 - p : p;
            mixer.Train(inputs, bit);
        }
        Assert.True(late / 1000 < 200, $"mean error {late / 1000} of 4096 after training");
    }

    [Fact]
    public void The_mixers_blocks_of_eight_compute_what_one_input_at_a_time_does()
    {
        // With SIMD the blocks run in vector lanes (64-bit products for the dot, 32-bit lanes for training); the
        // bytes only stay the same on every machine if that equals the scalar formula, extremes included.
        var random = new Random(7);
        const int maxWeight = (1 << 22) - 1, maxError = 4095 * 32;
        for (int round = 0; round < 2000; round++)
        {
            int count = 1 + random.Next(64);
            bool extremes = round % 4 == 0;
            int[] inputs = Enumerable.Range(0, count).Select(_ => extremes ? (random.Next(2) == 0 ? -2047 : 2047) : random.Next(-2047, 2048)).ToArray();
            int[] weights = Enumerable.Range(0, count).Select(_ => extremes ? (random.Next(2) == 0 ? -maxWeight : maxWeight) : random.Next(-maxWeight, maxWeight + 1)).ToArray();
            int error = extremes ? (random.Next(2) == 0 ? -maxError : maxError) : random.Next(-maxError, maxError + 1);

            long expectedDot = 0;
            for (int i = 0; i < count; i++) expectedDot += (long)inputs[i] * weights[i];
            Assert.Equal(expectedDot, MixerStage.Dot(ref inputs[0], ref weights[0], count));

            int[] expectedWeights = weights.Select((w, i) => MixerStage.Adjust(w, inputs[i], error)).ToArray();
            MixerStage.AdjustAll(ref weights[0], ref inputs[0], count, error);
            Assert.Equal(expectedWeights, weights);
        }
    }

    [Fact]
    public void An_apm_corrects_a_probability_that_is_systematically_wrong()
    {
        var apm = new ApmStage(0, 6);
        var context = BitContext.Start;
        int refined = 0;
        for (int i = 0; i < 3000; i++)
        {
            refined = apm.Refine(3500, context); // the input says 85% ones; the truth is all zeros
            apm.Update(0);
        }
        Assert.True(refined < 1100, $"refined {refined}");
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void An_apm_of_order_3_tells_apart_contexts_that_differ_three_bytes_back(int order, bool tellsApart)
    {
        // Two contexts with the same last two bytes: after 'a' 'x' 'y' the bits are zeros, after 'b' 'x' 'y' ones.
        var apm = new ApmStage(order, 5);
        var afterA = new BitContext { C0 = 1, Last8 = 0x617879 };
        var afterB = new BitContext { C0 = 1, Last8 = 0x627879 };
        for (int i = 0; i < 2000; i++)
        {
            apm.Refine(2048, afterA);
            apm.Update(0);
            apm.Refine(2048, afterB);
            apm.Update(1);
        }
        int a = apm.Refine(2048, afterA), b = apm.Refine(2048, afterB);
        Assert.Equal(tellsApart, b - a > 2000);
    }

    [Fact]
    public void The_mixers_rate_falls_from_four_times_its_parameter_to_it()
    {
        Assert.Equal(6 * 64, FallingRate.After(0, 6));   // sixteenths: 4 × 6
        int previous = int.MaxValue;
        foreach (int bits in new[] { 0, 1 << 10, 1 << 16, 1 << 20, 1 << 30 })
        {
            int rate = FallingRate.After(bits, 6);
            Assert.True(rate <= previous, $"{rate} after {bits} bits");
            previous = rate;
        }
        Assert.Equal(6 * 16 + 6 * 48 / 2, FallingRate.After(1 << 16, 6));   // halfway after 2^16 bits
        Assert.InRange(FallingRate.After(1 << 30, 6), 96, 97);
        Assert.Equal(512, FallingRate.After(0, 32));   // capped: errors stay within AdjustBlocks' exact range
    }

    [Fact]
    public void The_match_stage_expects_what_followed_the_earlier_occurrence()
    {
        var match = new BitMatchStage(4, 16, 1000);
        var context = BitContext.Start;
        byte[] text = "abcdefgh-abcdefgh"u8.ToArray();
        Span<int> inputs = stackalloc int[2];
        int lastExpectation = 0;
        foreach (byte c in text)
        {
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                match.Predict(ref context, ref inputs[0]);
                lastExpectation = inputs[1];
                match.Update(ref context, bit);
                if (context.Advance(bit)) match.EndByte(ref context);
            }
        }
        // By the second "h" the stage follows the first occurrence: it expects 'h' (and voted for each bit).
        Assert.True(context.MatchLength > 0);
        Assert.NotEqual(0, lastExpectation);
    }

    [Fact]
    public void A_direct_context_map_gives_each_node_its_own_byte_and_each_nibble_one_group()
    {
        // The layout: every bits-so-far value has its own place among the context's 272 bytes, and the nodes of a
        // nibble tree share one 16-byte group (so a nibble reads one cache line).
        var offsets = Midicoth.Models.BitPredictors.DirectContextStage.NodeOffsetsForTests();
        Assert.Equal(255, offsets.Skip(1).Distinct().Count());
        for (int c0 = 1; c0 < 256; c0++)
        {
            Assert.InRange(offsets[c0], 1, Midicoth.Models.BitPredictors.DirectContextStage.BytesPerContext - 1);
            Assert.NotEqual(0, offsets[c0] % 16);   // node 0 of a group is never used
            int bits = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)c0);
            int first = bits < 4 ? 1 : (c0 >> (bits - 4));   // the nibble tree's root: 1, or 1 then the high nibble
            int rootOffset = bits < 4 ? offsets[1] : offsets[16 | (first & 15)];
            Assert.Equal(rootOffset / 16, offsets[c0] / 16);
        }

        // Order 1 learns per previous byte: after "ab" many times, the bits of 'b' after 'a' are near certain,
        // while the same bits after 'x' (never seen) are not.
        var stage = new Midicoth.Models.BitPredictors.DirectContextStage(1);
        var context = Midicoth.Models.BitWise.BitContext.Start;
        int input = 0;
        int Feed(int c, bool learn)
        {
            int first = 0;
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                stage.Predict(ref context, ref input);
                if (k == 7) first = input;
                if (learn) stage.Update(ref context, bit);
                context.Advance(bit);
            }
            stage.EndByte(ref context);
            return first;
        }
        for (int i = 0; i < 200; i++) { Feed('a', true); Feed('b', true); }
        Feed('a', true);
        int afterA = Feed('b', false);   // 'b' = 0110 0010: first bit 0
        Feed('x', true);
        int afterX = Feed('b', false);
        Assert.True(afterA < -1000, $"after 'a' the first bit of 'b' should be a confident 0, got {afterA}");
        Assert.True(afterX > afterA + 1000, $"after 'x' nothing was learnt: {afterX} vs {afterA}");
    }
}
