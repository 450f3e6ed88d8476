package net.iotgw.sim.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorReadingsTest {

  @Test
  void readingsArePlausibleIndoorValuesForEveryDeviceAndHour() {
    for (long eui = 0x0200_0000_0000_0001L; eui < 0x0200_0000_0000_0001L + 500; eui++) {
      for (long hour = 0; hour < 24; hour++) {
        double t = SensorReadings.temperatureCelsius(eui, hour * 3_600_000L);
        double rh = SensorReadings.relativeHumidity(eui, hour * 3_600_000L);
        assertTrue(t >= 17.5 && t <= 27.5, t + " °C");
        assertTrue(rh >= 30 && rh <= 60, rh + " %");
      }
    }
  }

  @Test
  void neighbouringDevicesDifferAndOneDeviceIsStableAtOneTime() {
    Set<String> values = new HashSet<>();
    for (long eui = 1; eui <= 20; eui++) {
      values.add(SensorReadings.format(SensorReadings.temperatureCelsius(eui, 0)));
    }
    assertTrue(values.size() > 10, values.toString());
    assertEquals(SensorReadings.temperatureCelsius(7, 123_456),
        SensorReadings.temperatureCelsius(7, 123_456));
    assertNotEquals(SensorReadings.temperatureCelsius(7, 0),
        SensorReadings.temperatureCelsius(7, 21_600_000));
  }

  @Test
  void formatUsesADotWhateverTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("21.5", SensorReadings.format(21.46));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
