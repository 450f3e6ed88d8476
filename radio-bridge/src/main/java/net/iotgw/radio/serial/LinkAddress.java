package net.iotgw.radio.serial;

import java.util.Objects;

/**
 * Where a radio dongle is reached: a serial device (a USB CDC-ACM port, or one end of a {@code
 * socat} PTY pair), a TCP endpoint ({@code tcp:HOST:PORT}) such as the dongle emulator's, or an
 * emulated dongle plugged into this JVM ({@code mem:NAME}, see {@link InProcessPorts}).
 *
 * <p>{@link #parse} reads the form a user writes in a config file or on the command line.
 */
public sealed interface LinkAddress {

  /**
   * A serial device. The path may be a symbolic link (socat's {@code link=}); it is resolved at
   * every open, so a link that is re-created to point at a new {@code /dev/pts/N} is followed.
   *
   * @param baudRate ignored by PTYs; OpenThread RCPs default to 115200
   */
  record SerialDevice(String path, int baudRate) implements LinkAddress {
    /** What OpenThread's RCP builds use for their UART by default. */
    public static final int DEFAULT_BAUD_RATE = 115_200;

    public SerialDevice {
      Objects.requireNonNull(path);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("empty serial device path");
      }
      if (baudRate <= 0) {
        throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
      }
    }

    public SerialDevice(String path) {
      this(path, DEFAULT_BAUD_RATE);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /** A TCP endpoint: the gateway connects to it, the emulator listens on it. */
  record TcpEndpoint(String host, int port) implements LinkAddress {
    public TcpEndpoint {
      Objects.requireNonNull(host);
      if (host.isEmpty()) {
        throw new IllegalArgumentException("empty host");
      }
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("TCP port out of range: " + port);
      }
    }

    @Override
    public String toString() {
      return "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * A dongle in this JVM, registered under {@code name} in {@link InProcessPorts}: no socket, no
   * device file, only bounded streams between the host's driver and the emulator.
   */
  record InProcess(String name) implements LinkAddress {
    public InProcess {
      Objects.requireNonNull(name);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty in-process port name");
      }
    }

    @Override
    public String toString() {
      return "mem:" + name;
    }
  }

  /**
   * {@code mem:NAME} for an in-process dongle, {@code tcp:HOST:PORT} (an IPv6 literal in brackets: {@code tcp:[::1]:9000}), {@code tcp:PORT}
   * for localhost, or anything else as a serial device path.
   *
   * @throws IllegalArgumentException for a {@code tcp:} form that does not parse
   */
  static LinkAddress parse(String text) {
    Objects.requireNonNull(text);
    if (text.startsWith("mem:")) {
      return new InProcess(text.substring("mem:".length()));
    }
    if (!text.startsWith("tcp:")) {
      return new SerialDevice(text);
    }
    String rest = text.substring("tcp:".length());
    int colon = rest.lastIndexOf(':');
    String host;
    String port;
    if (colon < 0) {
      host = "localhost";
      port = rest;
    } else {
      host = rest.substring(0, colon);
      port = rest.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("IPv6 host needs brackets: " + text);
      }
    }
    try {
      return new TcpEndpoint(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a TCP port in " + text, e);
    }
  }
}
