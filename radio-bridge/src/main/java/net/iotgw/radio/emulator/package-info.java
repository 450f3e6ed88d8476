/**
 * A dongle emulator and the radio medium behind it, so that the gateway runs without hardware:
 * {@link net.iotgw.radio.emulator.DongleEmulator} speaks the OpenThread RCP's Spinel over a PTY or
 * a TCP port; {@link net.iotgw.radio.emulator.RadioMedium} is the shared 250 kbit/s channel
 * (pacing, loss, bounded queues, an {@link net.iotgw.radio.emulator.AirtimeLedger} of what it
 * carried) on which the dongle and simulated devices ({@link net.iotgw.radio.emulator.RadioNode})
 * are stations.
 */
package net.iotgw.radio.emulator;
