package net.iotgw.sim.cd;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/** The resources a simulated CD serves, all read-only (GET). */
enum CdResource {
  TEMPERATURE("sensors/temperature", MediaTypeRegistry.TEXT_PLAIN) {
    @Override
    String representation(long eui64, long nowMillis) {
      return SensorReadings.format(SensorReadings.temperatureCelsius(eui64, nowMillis));
    }
  },
  HUMIDITY("sensors/humidity", MediaTypeRegistry.TEXT_PLAIN) {
    @Override
    String representation(long eui64, long nowMillis) {
      return SensorReadings.format(SensorReadings.relativeHumidity(eui64, nowMillis));
    }
  },
  /** Resource discovery (RFC 6690 §4), listing the sensors. */
  CORE(".well-known/core", MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
    @Override
    String representation(long eui64, long nowMillis) {
      return LINKS;
    }
  };

  /** RFC 6690 §5 link format; rt values as in the IPSO/OMA style, ct=0 text/plain. */
  static final String LINKS = "</sensors/temperature>;rt=\"temperature-c\";if=\"sensor\";ct=0,"
      + "</sensors/humidity>;rt=\"humidity-rh\";if=\"sensor\";ct=0";

  private final String path;
  private final int contentFormat;

  CdResource(String path, int contentFormat) {
    this.path = path;
    this.contentFormat = contentFormat;
  }

  /** The Uri-Path segments joined by '/', without a leading one. */
  String path() {
    return path;
  }

  int contentFormat() {
    return contentFormat;
  }

  abstract String representation(long eui64, long nowMillis);

  byte[] body(long eui64, long nowMillis) {
    return representation(eui64, nowMillis).getBytes(StandardCharsets.UTF_8);
  }

  static Optional<CdResource> at(String path) {
    for (CdResource r : values()) {
      if (r.path.equals(path)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
