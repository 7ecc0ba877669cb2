using System.Buffers.Binary;
using System.IO.Compression;

namespace Depesche.Learning;

/// <summary>Compression and checksums shared by Depesche's binary files (models and the lexicon).</summary>
public static class Packing
{
    /// <summary>Brotli at its smallest setting; deterministic for a given input.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(raw);
        }
        return output.ToArray();
    }

    /// <summary>Decompresses in one call into a buffer of the recorded size; any mismatch is <see cref="InvalidDataException"/>.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int rawLength)
    {
        if (rawLength is < 0 or > 1 << 30)
        {
            throw new InvalidDataException("impossible uncompressed length");
        }
        var raw = new byte[rawLength];
        if (!BrotliDecoder.TryDecompress(compressed, raw, out int written) || written != rawLength)
        {
            throw new InvalidDataException("the compressed data is damaged");
        }
        return raw;
    }

    /// <summary>A 64-bit checksum reading eight bytes at a time (not cryptographic; it catches damage).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong h = 0x84222325CBF29CE4UL ^ (ulong)data.Length;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            h = ulong.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(data[i..])) * 0x9E3779B97F4A7C15UL, 31);
        }
        for (; i < data.Length; i++)
        {
            h = ulong.RotateLeft((h ^ data[i]) * 0x9E3779B97F4A7C15UL, 31);
        }
        return FeatureHash.Mix(h);
    }
}
