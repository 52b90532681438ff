using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Hotline.Tests.SmartDispatch;
using Hotline.Text;

namespace Hotline.Tests.Text;

/// <summary>
/// A routing model file carries a CRC-32 of its payload. The checksum now comes from System.IO.Hashing; models stored by
/// earlier builds (a hand-written table CRC) must still load, so the value must be bit-identical to what they wrote.
/// </summary>
public sealed class ModelChecksumTests
{
    /// <summary>The header: "HLTC" (4), version (2), reserved (2), payload length (8), then the CRC-32 (4).</summary>
    private const int ChecksumOffset = 16;

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_KnownVectors_AreTheIeeeValues(string text, uint expected)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Assert.Equal(expected, Crc32.HashToUInt32(bytes));
        Assert.Equal(expected, TableCrc32(bytes));
    }

    [Fact]
    public void Save_HeaderChecksum_IsWhatTheTableImplementationWrote()
    {
        var model = TextClassifier.Train(RoutingFixture.Load().Take(60).ToList(), RoutingFixture.SmallOptions);
        using var stream = new MemoryStream();
        model.Save(stream);
        var file = stream.ToArray();

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(ChecksumOffset, 4));
        var payload = file.AsSpan(ChecksumOffset + 4);

        Assert.True(payload.Length > 1000, $"the payload is implausibly small: {payload.Length} bytes");
        Assert.Equal(TableCrc32(payload), stored);
    }

    [Fact]
    public void Load_ModelWhoseChecksumWasWrittenByTheTableImplementation_Loads()
    {
        var model = TextClassifier.Train(RoutingFixture.Load().Take(60).ToList(), RoutingFixture.SmallOptions);
        using var stream = new MemoryStream();
        model.Save(stream);
        var file = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(ChecksumOffset, 4), TableCrc32(file.AsSpan(ChecksumOffset + 4)));

        var reloaded = TextClassifier.Load(new MemoryStream(file));

        Assert.Equal(model.Labels, reloaded.Labels);
    }

    /// <summary>The reflected-table CRC-32 (polynomial 0xEDB88320) that earlier builds used, kept as the reference.</summary>
    private static uint TableCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            var c = (crc ^ b) & 0xFF;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            crc = c ^ (crc >> 8);
        }

        return ~crc;
    }
}
