package org.guidelinekb.reasoner;

import java.util.Arrays;

/** A growable int array, for building a compiled version's flat arrays. */
final class IntBuffer {
    int[] a = new int[64];
    int size;

    IntBuffer add(int v) {
        if (size == a.length) a = Arrays.copyOf(a, size * 2);
        a[size++] = v;
        return this;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
