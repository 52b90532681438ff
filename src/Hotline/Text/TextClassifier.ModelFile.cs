using System.IO.Hashing;
using System.Text;

namespace Hotline.Text;

/// <summary>The model file of a <see cref="TextClassifier"/>: its versioned, checksummed binary format.</summary>
public sealed partial class TextClassifier
{
    private static readonly byte[] Magic = "HLTC"u8.ToArray();
    private const long MaxPayload = 1L << 30;

    /// <summary>
    /// Writes the model: "HLTC", format version (uint16), reserved (uint16), payload length (int64), CRC-32 of the payload
    /// (uint32), then the payload — settings, labels, idf table (a default and the buckets that differ), bias, and the
    /// non-zero weight rows. Little-endian throughout.
    /// </summary>
    public void Save(Stream stream)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            WritePayload(writer);
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write(WrittenVersion);
        header.Write((ushort)0);
        header.Write((long)bytes.Length);
        header.Write(Crc32.HashToUInt32(bytes));
        header.Write(bytes);
        header.Flush();
    }

    /// <summary>The format version <see cref="Save(Stream)"/> writes: 1 unless the model needs a newer one.</summary>
    public ushort WrittenVersion => Neighbours is not null ? (ushort)3 : Vectorizer.Settings.WordOrder > 0 ? (ushort)2 : (ushort)1;

    public static TextClassifier Load(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new ModelFormatException("Not a Hotline text-classifier model (the file does not start with HLTC).");
            }

            var version = reader.ReadUInt16();
            if (version is 0 or > FormatVersion)
            {
                throw new ModelFormatException($"The model has format version {version}; this build reads versions 1 to {FormatVersion}.");
            }

            reader.ReadUInt16();
            var length = reader.ReadInt64();
            var checksum = reader.ReadUInt32();
            if (length is < 0 or > MaxPayload)
            {
                throw new ModelFormatException("The model is corrupt (impossible payload length).");
            }

            var bytes = reader.ReadBytes((int)length);
            if (bytes.Length != length)
            {
                throw new ModelFormatException($"The model is truncated ({bytes.Length:N0} of {length:N0} payload bytes).");
            }

            if (Crc32.HashToUInt32(bytes) != checksum)
            {
                throw new ModelFormatException("The model is corrupt (checksum mismatch).");
            }

            using var payload = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            return ReadPayload(payload, version);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("The model is truncated.", e);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            throw new ModelFormatException($"The model is corrupt ({e.Message}).", e);
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static TextClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model file at {Path.GetFullPath(path)}.", path);
        }

        using var file = File.OpenRead(path);
        return Load(file);
    }

    private void WritePayload(BinaryWriter writer)
    {
        var features = Vectorizer.Settings;
        writer.Write((byte)features.MinOrder);
        writer.Write((byte)features.MaxOrder);
        writer.Write((byte)features.HashBits);
        writer.Write((byte)((features.SublinearTf ? 1 : 0) | (features.UseIdf ? 2 : 0) | (features.StripBoilerplate ? 4 : 0) | (features.FoldDigits ? 8 : 0)));
        writer.Write((byte)features.HeadTokens);
        if (WrittenVersion >= 2)
        {
            writer.Write((byte)features.WordOrder);
        }

        writer.Write((byte)Trainer.Algorithm);
        writer.Write(Trainer.Regularization);
        writer.Write(Trainer.Epochs);
        writer.Write(Trainer.LearningRate);
        writer.Write(Trainer.BalanceClasses);
        writer.Write(Trainer.Seed);
        writer.Write(Examples);
        writer.Write(ScoreScale);
        writer.Write(_labels.Length);
        foreach (var label in _labels)
        {
            writer.Write(label);
        }

        if (Vectorizer.Idf is { } idf)
        {
            var common = idf.GroupBy(v => v).MaxBy(g => g.Count())!.Key;
            writer.Write(common);
            var differing = Enumerable.Range(0, idf.Length).Where(i => idf[i] != common).ToArray();
            writer.Write(differing.Length);
            foreach (var i in differing)
            {
                writer.Write(i);
                writer.Write(idf[i]);
            }
        }

        var classes = Model.Classes;
        foreach (var b in Model.Bias)
        {
            writer.Write(b);
        }

        var weights = Model.Weights;
        var rows = Enumerable.Range(0, Model.Dimensions).Where(f => weights.AsSpan(f * classes, classes).ContainsAnyExcept(0f)).ToArray();
        writer.Write(rows.Length);
        foreach (var f in rows)
        {
            writer.Write(f);
            for (var c = 0; c < classes; c++)
            {
                writer.Write(weights[(f * classes) + c]);
            }
        }

        if (WrittenVersion >= 3)
        {
            writer.Write(Neighbours is not null);
            Neighbours?.Write(writer);
        }
    }

    private static TextClassifier ReadPayload(BinaryReader reader, ushort version)
    {
        var minOrder = reader.ReadByte();
        var maxOrder = reader.ReadByte();
        var hashBits = reader.ReadByte();
        var flags = reader.ReadByte();
        var headTokens = reader.ReadByte();
        var wordOrder = version >= 2 ? reader.ReadByte() : 0;
        var features = new NGramSettings(minOrder, maxOrder, hashBits, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, headTokens, wordOrder);
        features.Validate();
        if (features.WordOrder > 0)
        {
            // Word features need jieba's dictionary: without it the model cannot classify, so it is unusable here (the
            // server then answers from the dispatch catalogue). Loading it now keeps its cost off the first request.
            if (!WordSegmenter.IsAvailable)
            {
                throw new ModelFormatException($"The model uses word features, but the word dictionary is missing ({WordSegmenter.DefaultDictionaryPath}).");
            }

            _ = WordSegmenter.Default;
        }

        var algorithm = (LinearAlgorithm)reader.ReadByte();
        if (!Enum.IsDefined(algorithm))
        {
            throw new ModelFormatException($"The model names an unknown algorithm ({(int)algorithm}).");
        }

        var trainer = new TrainerSettings(algorithm, reader.ReadDouble(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadBoolean(), reader.ReadInt32());
        var examples = reader.ReadInt32();
        var scale = reader.ReadSingle();
        var classes = reader.ReadInt32();
        if (classes is < 2 or > 100_000)
        {
            throw new ModelFormatException($"The model is corrupt (impossible label count {classes}).");
        }

        var labels = new string[classes];
        for (var c = 0; c < classes; c++)
        {
            labels[c] = reader.ReadString();
        }

        var dimensions = features.Dimensions;
        float[]? idf = null;
        if (features.UseIdf)
        {
            idf = new float[dimensions];
            Array.Fill(idf, reader.ReadSingle());
            var differing = reader.ReadInt32();
            for (var k = 0; k < differing; k++)
            {
                idf[CheckedIndex(reader.ReadInt32(), dimensions)] = reader.ReadSingle();
            }
        }

        var bias = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            bias[c] = reader.ReadSingle();
        }

        var weights = new float[(long)classes * dimensions];
        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            var f = CheckedIndex(reader.ReadInt32(), dimensions);
            for (var c = 0; c < classes; c++)
            {
                weights[(f * classes) + c] = reader.ReadSingle();
            }
        }

        var neighbours = version >= 3 && reader.ReadBoolean() ? NearestNeighbours.Read(reader, dimensions, classes) : null;
        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new ModelFormatException("The model is corrupt (unexpected bytes after the weights).");
        }

        return new TextClassifier(labels, TextVectorizer.Restore(features, idf), new LinearModel(classes, dimensions, weights, bias), trainer, scale, examples, neighbours);
    }

    private static int CheckedIndex(int index, int dimensions) =>
        index >= 0 && index < dimensions ? index : throw new ModelFormatException($"The model is corrupt (bucket {index} outside 0..{dimensions - 1}).");
}
