using System.Buffers.Binary;
using System.Text;

namespace Depesche.Learning;

/// <summary>Reads what <see cref="BinaryWriter"/> wrote (little-endian numbers, 7-bit lengths, UTF-8 strings) straight from a byte array, without a stream.</summary>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;

    public SpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position == _data.Length;

    public int Int32()
    {
        int v = BinaryPrimitives.ReadInt32LittleEndian(_data[Position..]);
        Position += 4;
        return v;
    }

    public float Single()
    {
        float v = BinaryPrimitives.ReadSingleLittleEndian(_data[Position..]);
        Position += 4;
        return v;
    }

    /// <summary>A 7-bit encoded non-negative integer.</summary>
    public int VarInt()
    {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = _data[Position++];
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (result < 0)
                {
                    throw new InvalidDataException("negative length");
                }
                return result;
            }
        }
        throw new InvalidDataException("bad 7-bit integer");
    }

    public ReadOnlySpan<byte> Bytes(int count)
    {
        var s = _data.Slice(Position, count);
        Position += count;
        return s;
    }

    public string String() => Encoding.UTF8.GetString(Bytes(VarInt()));

    /// <summary>Decodes a length-prefixed UTF-8 string into <paramref name="destination"/>; returns the characters written.</summary>
    public int Chars(Span<char> destination) => Encoding.UTF8.GetChars(Bytes(VarInt()), destination);
}
