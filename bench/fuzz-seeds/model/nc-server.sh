while true; do { printf 'HTTP/1.1 200 OK\r\n\r\n'; cat /data/index.html; } | nc -l -p ${PORT} 2>&1 >/dev/null; done &
exec httpd -f -p 127.0.0.1:8080 -h /www
