package org.w3id.hikb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The peak heap in use during a run: the JVM's own per-pool peaks, reset at the start. */
final class HeapWatch {
    private HeapWatch() {}

    static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }

    /** The sum of the heap pools' peaks since the last reset, in MiB (an upper bound of the peak heap). */
    static long peakMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
        return bytes / (1024 * 1024);
    }
}
