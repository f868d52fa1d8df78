F="${LOG_DIR:-/var/log}/$(hostname).log"; export F
for x in a b "c d" 'e $f'; do printf '%s\n' "$x" "${x#a}" `echo $x` >> "$F"; done; cp $F /data/copy.log && touch /data/done; head -n 1 /data/copy.log | grep -q a; exec sleep infinity
