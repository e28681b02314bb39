import struct

def decode_frame(data):
    fin = bool(data[0] & 0x80)
    opcode = data[0] & 0x0F
    masked = bool(data[1] & 0x80)
    length = data[1] & 0x7F
    offset = 2
    # 126 and 127 are markers, not lengths: the real length follows
    # in the next 2 or 8 bytes, in network (big-endian) order.
    if length == 126:
        (length,) = struct.unpack_from("!H", data, offset)
        offset += 2
    elif length == 127:
        (length,) = struct.unpack_from("!Q", data, offset)
        offset += 8
    if not masked:
        return fin, opcode, data[offset:offset + length]
    key = data[offset:offset + 4]
    payload = data[offset + 4:offset + 4 + length]
    # XOR with the same key undoes the client's masking.
    return fin, opcode, bytes(b ^ key[i % 4] for i, b in enumerate(payload))
