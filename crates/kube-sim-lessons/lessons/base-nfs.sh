# The NFS server of lesson 03, as a script: lessons with `base: nfs` start from it.
# Each line is typed into a fresh lab's terminal, in order.
ssh nfs-server
yum install -y nfs-utils
systemctl start rpcbind
systemctl start nfs
mkdir -p /data/nfs
chown nfsnobody.nfsnobody /data/nfs
echo '/data/nfs 172.19.0.0/16(rw,sync)' > /etc/exports
exportfs -r
exit
ssh worker-1 yum install -y nfs-utils
ssh worker-2 yum install -y nfs-utils
clear
