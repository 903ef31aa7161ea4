package io.appc.validator.image;

import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.tar.TarEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link Xattrs} over the shared C binding ({@link NativeFs}); this only converts between {@link
 * Path}s and Unicode attribute names and the byte strings the binding takes.
 */
final class NativeXattrs implements Xattrs {
  private static final NativeXattrs INSTANCE = new NativeXattrs();

  private NativeXattrs() {}

  static NativeXattrs instance() {
    return INSTANCE;
  }

  @Override
  public SortedMap<String, byte[]> list(Path file) throws IOException {
    SortedMap<String, byte[]> result = new TreeMap<>();
    for (Map.Entry<String, byte[]> e :
        NativeFs.get().listXattrs(NativeFs.byteString(file)).entrySet()) {
      result.put(TarEntry.display(e.getKey()), e.getValue());
    }
    return result;
  }

  @Override
  public void set(Path file, String name, byte[] value) throws IOException {
    NativeFs.get().lsetxattr(NativeFs.byteString(file), TarEntry.byteString(name), value);
  }
}
