package net.iotgw.sim.cd;

import java.util.Locale;

/**
 * Plausible indoor readings for a simulated CD, a pure function of its EUI-64 and the time: each
 * device has its own baseline and all drift through a day, so a population looks like a building
 * rather than one number, and a test that fixes the time fixes the value.
 */
final class SensorReadings {
  private static final double DAY_MILLIS = 86_400_000.0;

  private SensorReadings() {}

  /** 19.0 to 25.9 °C by device, ±1.5 °C through the day. */
  static double temperatureCelsius(long eui64, long nowMillis) {
    double baseline = 19.0 + Math.floorMod(mix(eui64), 70) / 10.0;
    return baseline + 1.5 * Math.sin(2 * Math.PI * (nowMillis % 86_400_000L) / DAY_MILLIS);
  }

  /** 35 to 54.9 % relative humidity by device, ±5 % through the day, against the temperature. */
  static double relativeHumidity(long eui64, long nowMillis) {
    double baseline = 35.0 + Math.floorMod(mix(eui64) >>> 16, 200) / 10.0;
    return baseline - 5.0 * Math.sin(2 * Math.PI * (nowMillis % 86_400_000L) / DAY_MILLIS);
  }

  /** One decimal, a dot whatever the default locale: what a CD's firmware prints. */
  static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** SplitMix64's finalizer: neighbouring EUI-64s get unrelated baselines. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
