package net.iotgw.sim.cd;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * N simulated CDs of one PAN with consecutive EUI-64s from a base ({@code 02:00:00:00:00:00:00:01}
 * by default: locally administered, so never a real device's), looked up by extended address. What
 * {@code cd-sim --devices N --prefix P} runs behind the dongle emulator.
 *
 * <p>A population made {@link #joining} gives each CD the next device-store entry: its credentials,
 * and its EUI-64 when the entry names one (else the base's next).
 *
 * <p>Like its CDs, confined to one thread.
 */
public final class CdPopulation {
  /** 02:00:00:00:00:00:00:01: the U/L bit set, a locally administered EUI-64. */
  public static final long DEFAULT_BASE_EUI64 = 0x0200_0000_0000_0001L;

  private final CdNetwork network;
  private final long baseEui64;
  private final SimulatedCd[] devices;
  /** Null when the EUI-64s are consecutive from the base: then the index is the offset. */
  private final Map<Long, SimulatedCd> byAddress;

  private CdPopulation(CdNetwork network, long baseEui64, SimulatedCd[] devices,
      Map<Long, SimulatedCd> byAddress) {
    this.network = network;
    this.baseEui64 = baseEui64;
    this.devices = devices;
    this.byAddress = byAddress;
  }

  /** {@code count} CDs from {@link #DEFAULT_BASE_EUI64}. */
  public static CdPopulation of(CdNetwork network, int count) {
    return of(network, DEFAULT_BASE_EUI64, count);
  }

  /**
   * {@code count} CDs with EUI-64s {@code baseEui64 + i}, reached by extended address only.
   *
   * @throws IllegalArgumentException if the range would wrap or include the gateway's EUI-64
   */
  public static CdPopulation of(CdNetwork network, long baseEui64, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count);
    }
    if (count > 0 && Long.compareUnsigned(baseEui64 + count - 1, baseEui64) < 0) {
      throw new IllegalArgumentException("EUI-64 range wraps around");
    }
    long fromBase = network.gatewayEui64() - baseEui64;
    if (Long.compareUnsigned(fromBase, count) < 0) {
      throw new IllegalArgumentException("the range includes the gateway's EUI-64");
    }
    SimulatedCd[] devices = new SimulatedCd[count];
    for (int i = 0; i < count; i++) {
      devices[i] = new SimulatedCd(network, baseEui64 + i);
    }
    return new CdPopulation(network, baseEui64, devices, null);
  }

  /**
   * One CD per entry of {@code credentials}, in order: with the entry's EUI-64 if it names one,
   * else {@code baseEui64 + i}.
   *
   * @param seeds seeds each CD's own generator (PANA nonces, RAND_P, jitter)
   * @throws IllegalArgumentException if two CDs would share an EUI-64 or one is the gateway's
   */
  public static CdPopulation joining(CdNetwork network, List<CdCredentials> credentials,
      long baseEui64, JoinSettings settings, RandomGenerator seeds) {
    return joining(network, credentials, baseEui64, i -> settings, seeds);
  }

  /** As above, with the settings of CD {@code i} from {@code settingsOf} (some may forge). */
  public static CdPopulation joining(CdNetwork network, List<CdCredentials> credentials,
      long baseEui64, IntFunction<JoinSettings> settingsOf, RandomGenerator seeds) {
    return fromEntries(network, credentials, baseEui64, settingsOf, seeds);
  }

  /**
   * One CD per entry, with the EUI-64s of {@link #joining} but without network entry: CDs as
   * before PANA existed, at the addresses the store gives them.
   */
  public static CdPopulation of(
      CdNetwork network, List<CdCredentials> credentials, long baseEui64) {
    return fromEntries(network, credentials, baseEui64, null, null);
  }

  private static CdPopulation fromEntries(CdNetwork network, List<CdCredentials> credentials,
      long baseEui64, IntFunction<JoinSettings> settingsOf, RandomGenerator seeds) {
    SimulatedCd[] devices = new SimulatedCd[credentials.size()];
    Map<Long, SimulatedCd> byAddress = new HashMap<>();
    for (int i = 0; i < devices.length; i++) {
      CdCredentials c = credentials.get(i);
      long eui64 = c.eui64().orElse(baseEui64 + i);
      if (eui64 == network.gatewayEui64()) {
        throw new IllegalArgumentException(c + ": the gateway's EUI-64");
      }
      devices[i] = settingsOf == null ? new SimulatedCd(network, eui64)
          : SimulatedCd.joining(network, eui64, c, settingsOf.apply(i),
              new SplittableRandom(seeds.nextLong()));
      if (byAddress.put(eui64, devices[i]) != null) {
        throw new IllegalArgumentException(c + ": EUI-64 of an earlier entry");
      }
    }
    return new CdPopulation(network, baseEui64, devices, byAddress);
  }

  /** The CD with this extended address, if it is one of these. */
  public Optional<SimulatedCd> get(long extendedAddress) {
    if (byAddress != null) {
      return Optional.ofNullable(byAddress.get(extendedAddress));
    }
    long index = extendedAddress - baseEui64;
    if (Long.compareUnsigned(index, devices.length) >= 0) {
      return Optional.empty();
    }
    return Optional.of(devices[(int) index]);
  }

  /** The CDs in EUI-64 order. */
  public List<SimulatedCd> devices() {
    return Collections.unmodifiableList(Arrays.asList(devices));
  }

  public int size() {
    return devices.length;
  }

  public CdNetwork network() {
    return network;
  }

  /** The sum of every CD's counters. */
  public CdStats totals() {
    CdStats sum = CdStats.ZERO;
    for (SimulatedCd cd : devices) {
      sum = sum.plus(cd.stats());
    }
    return sum;
  }

  @Override
  public String toString() {
    return "CdPopulation[" + devices.length + " CDs from " + new LinkAddress.Extended(baseEui64)
        + ", " + network + "]";
  }
}
