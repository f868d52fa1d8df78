tail -n+1 -F /var/log/app.log | while read -r line; do
  case "$line" in *ERROR*) echo "alert: $line" >> /var/log/alerts.log ;; *) : ;; esac
done
