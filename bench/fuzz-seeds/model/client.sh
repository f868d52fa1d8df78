set -e
until wget -qO- http://localhost:$PORT/healthz; do sleep 1; done
while :; do echo PING | nc $HOST 6379 && redis-cli -h 127.0.0.1 -p 6379 INCR hits; curl -s "http://[::1]:8080/" > /dev/null || telnet app 80; sleep 2; done
