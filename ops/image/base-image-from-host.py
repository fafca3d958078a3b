#!/usr/bin/env python3
"""Builds a minimal Java base image tarball (docker-save format) from this machine, for building the
groupchat image with Jib where no registry is reachable:

    python3 ops/image/base-image-from-host.py target/base-image.tar
    ./mvnw -Pimage -DskipTests package jib:buildTar -Djib.from.image=tar://$PWD/target/base-image.tar

The layer holds a jlink'ed Java runtime (from $JAVA_HOME, default the JDK running Maven), the shared
libraries it and bash need (found with ldd), bash (the compose health check uses it), /tmp and a
nobody user. With registry access use the default base image (eclipse-temurin:21-jre) instead.
"""
import hashlib, io, json, os, subprocess, sys, tarfile, tempfile

MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.jfr"

def ldd(path):
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    libs = set()
    for line in out.splitlines():
        parts = line.split()
        for p in parts:
            if p.startswith("/"):
                libs.add(p)
    return libs

def main(target):
    java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    work = tempfile.mkdtemp()
    runtime = os.path.join(work, "jre")
    subprocess.run([os.path.join(java_home, "bin", "jlink"), "--add-modules", MODULES, "--strip-debug",
                    "--no-header-files", "--no-man-pages", "--output", runtime], check=True)
    libs = set()
    for root, _, files in os.walk(runtime):
        for f in files:
            if f.endswith(".so") or f == "java":
                libs |= ldd(os.path.join(root, f))
    bash = "/bin/bash"
    libs |= ldd(bash)
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as tar:
        def add_dir(name, mode=0o755):
            info = tarfile.TarInfo(name); info.type = tarfile.DIRTYPE; info.mode = mode; tar.addfile(info)
        for d in ["bin", "etc", "lib", "lib64", "opt", "opt/java", "tmp", "usr", "usr/lib", "usr/bin"]:
            add_dir(d, 0o1777 if d == "tmp" else 0o755)
        tar.add(runtime, arcname="opt/java/openjdk")
        tar.add(bash, arcname="bin/bash")
        for lib in sorted(libs):
            real = os.path.realpath(lib)
            tar.add(real, arcname=lib.lstrip("/"))
        passwd = b"root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
        info = tarfile.TarInfo("etc/passwd"); info.size = len(passwd); tar.addfile(info, io.BytesIO(passwd))
    layer_bytes = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
    config = {"architecture": "amd64", "os": "linux",
              "config": {"Env": ["PATH=/opt/java/openjdk/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java/openjdk"]},
              "rootfs": {"type": "layers", "diff_ids": [diff_id]}, "history": [{"created_by": "base-image-from-host.py"}]}
    config_bytes = json.dumps(config).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": ["groupchat-base:local"], "Layers": ["layer.tar"]}]
    with tarfile.open(target, "w") as out:
        for name, data in [("layer.tar", layer_bytes), (config_name, config_bytes),
                           ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name); info.size = len(data); out.addfile(info, io.BytesIO(data))
    print(f"{target}: {os.path.getsize(target) // (1024 * 1024)} MiB, {len(libs)} shared libraries")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/base-image.tar")
