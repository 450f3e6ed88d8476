/**
 * The byte link to a radio dongle: a serial device through jSerialComm (a USB CDC-ACM port, or one
 * end of a {@code socat} PTY pair) or a TCP connection, as a Pekko Streams {@code Flow<ByteString,
 * ByteString, ?>} ({@link net.iotgw.radio.serial.SerialLink}), reopened with backoff when the
 * dongle goes away ({@link net.iotgw.radio.serial.LinkMonitor} logs each loss and recovery once).
 *
 * <p>Blocking serial I/O runs on Pekko's blocking-I/O dispatcher; nothing here creates threads or
 * timers of its own.
 */
package net.iotgw.radio.serial;
