/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One block of off-heap memory acquired from a {@link BufferPool}; not thread-safe: one owner at a
 * time uses it, and hands it to other threads only with the usual happens-before (a concurrent
 * queue, a lock). Acquiring and releasing are themselves safe from any thread.
 *
 * <p>The {@link #buffer() view} covers exactly the size that was asked for, so Agrona's bounds
 * checks stop writes into the rest of the block. Release the block once, with {@link
 * BufferPool#release(PooledBuffer)}; do not use the view afterwards. A second release is always
 * refused; in debug mode (see {@link MemoryProperties}) any use after release is too.
 */
public final class PooledBuffer {

  static final int FREE = 0;
  static final int IN_USE = 1;

  /** Never handed out again: released in debug mode, or its pool is closed. */
  static final int RETIRED = 2;

  private static final byte[] EMPTY = new byte[0];
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PooledBuffer.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final BufferPool pool;
  final int sizeClass;
  final long address;
  private final UnsafeBuffer view;
  private volatile int state = FREE;
  private int size;

  PooledBuffer(BufferPool pool, int sizeClass, long address) {
    this.pool = pool;
    this.sizeClass = sizeClass;
    this.address = address;
    this.view = new UnsafeBuffer(EMPTY);
  }

  /** Moves FREE to IN_USE and points the view at {@code size} bytes; false if not FREE. */
  boolean open(int size) {
    if (!STATE.compareAndSet(this, FREE, IN_USE)) {
      return false;
    }
    this.size = size;
    view.wrap(address, size);
    return true;
  }

  /** Moves IN_USE to FREE (or RETIRED); false if it was not in use. */
  boolean close(boolean retire, boolean poison) {
    if (!STATE.compareAndSet(this, IN_USE, retire ? RETIRED : FREE)) {
      return false;
    }
    if (poison) {
      view.setMemory(0, size, (byte) 0xDB);
    }
    if (retire) {
      view.wrap(EMPTY);
    }
    return true;
  }

  /**
   * Retires a FREE or IN_USE buffer when its pool closes, so the view no longer reaches freed
   * memory.
   */
  void retire() {
    state = RETIRED;
    view.wrap(EMPTY);
  }

  int state() {
    return state;
  }

  int requestedSize() {
    return size;
  }

  /**
   * The view of the block: {@link #capacity()} bytes at a 64-byte-aligned address.
   *
   * @throws IllegalStateException if the buffer has been released (always detected when it has not
   *     been handed out again since; always detected in debug mode)
   */
  public MutableDirectBuffer buffer() {
    if (state != IN_USE) {
      throw new IllegalStateException(
          "PooledBuffer used after release (blockSize=" + blockSize() + ")");
    }
    return view;
  }

  /** The number of bytes that were asked for, which is the capacity of {@link #buffer()}. */
  public int capacity() {
    return size;
  }

  /** The size of the block behind it: the power of two the request was rounded up to. */
  public int blockSize() {
    return pool.blockSize(sizeClass);
  }

  @Override
  public String toString() {
    return "PooledBuffer[capacity="
        + size
        + ", blockSize="
        + blockSize()
        + ", state="
        + (state == IN_USE ? "in use" : state == FREE ? "free" : "retired")
        + "]";
  }
}
