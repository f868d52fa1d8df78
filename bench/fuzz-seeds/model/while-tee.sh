i=0; while true; do echo "$(date) line $i" | tee -a ${LOG:-/var/log/app.log}; i=$((i+1)); sleep 5; done
