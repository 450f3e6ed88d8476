package net.iotgw.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of a valid encoding, for the decoders' hostile-input tests: random and flipped
 * bytes, a 16-bit length or count field set to a boundary value, truncation, trailing garbage.
 */
public final class Mutations {
  /** Boundaries of 16-bit lengths and counts: empty, one, header sizes, sign bit, all ones. */
  private static final int[] INTERESTING_U16 =
      {0, 1, 3, 4, 7, 8, 15, 16, 32, 256, 257, 0x7fff, 0x8000, 0xfffe, 0xffff};

  private Mutations() {}

  public static byte[] mutate(byte[] base, Random rnd) {
    byte[] m = base.clone();
    switch (rnd.nextInt(6)) {
      case 0 -> {
        for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
          m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
        }
      }
      case 1 -> {
        // A length or count field: 16 bits somewhere, set to a boundary value.
        int at = rnd.nextInt(m.length - 1);
        int v = INTERESTING_U16[rnd.nextInt(INTERESTING_U16.length)];
        m[at] = (byte) (v >>> 8);
        m[at + 1] = (byte) v;
      }
      case 2 -> {
        int at = rnd.nextInt(m.length);
        m[at] = (byte) (m[at] + (rnd.nextBoolean() ? 1 : -1));
      }
      case 3 -> m = Arrays.copyOf(m, rnd.nextInt(m.length));
      case 4 -> {
        byte[] extra = new byte[1 + rnd.nextInt(16)];
        rnd.nextBytes(extra);
        byte[] longer = Arrays.copyOf(m, m.length + extra.length);
        System.arraycopy(extra, 0, longer, m.length, extra.length);
        m = longer;
      }
      default -> {
        int at = rnd.nextInt(m.length);
        m[at] ^= (byte) (1 << rnd.nextInt(8));
      }
    }
    return m;
  }
}
